using System.Globalization;
using Akka.Cluster.Sharding;
using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.Hosting;

/// <summary>Commands carry their entity id, so no envelope is needed on the wire.</summary>
public sealed class EntityMessageExtractor(int maxShards = 100) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => message switch
    {
        IStockBatchCommand c => c.BatchId.ToString("N"),
        IStorageLocationCommand c => c.StorageLocationId.ToString(CultureInfo.InvariantCulture),
        ITransplantCommand c => c.TransplantId.ToString("N"),
        IPhotoSessionCommand c => c.SessionId.ToString("N"),
        IPlantSizeCalibrationCommand c => c.Key,
        _ => null,
    };
}
