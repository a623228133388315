using Akka.Hosting;
using Demeter.Api.Problems;
using Demeter.Cluster.Calibration;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Photos;
using Demeter.Domain.Photos.Calibration;

namespace Demeter.Api.Calibration;

/// <summary>GET /api/v1/calibrations/{productId}: the estimation parameters learned from validated counts of a product and packaging.</summary>
public static class CalibrationEndpoints
{
    public static void MapCalibrationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/calibrations/{productId:int}", GetAsync)
            .WithName("GetCalibration")
            .WithSummary("The plant size and alpha learned from validated counts of a product (and packaging), or the defaults before the first")
            .Produces<CalibrationView>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> GetAsync(
        int productId, int? packagingId, IRequiredActor<ActorKeys.PlantSizeCalibrationRegion> calibrations, PhotoProcessingSettings settings, CancellationToken ct)
    {
        if (productId <= 0 || packagingId is <= 0)
        {
            return Problem.BadRequest("productId and packagingId are positive integers.");
        }

        var key = CalibrationKey.For(productId, packagingId);
        var (reply, problem) = await calibrations.ActorRef.AskAsync<PlantSizeCalibrationReply>(new GetPlantSizeCalibration(key), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        var defaults = settings.CountingSettings.Estimation;
        return Results.Ok(reply!.Calibration is { } c
            ? new CalibrationView(key, productId, packagingId, c.Version, c.Alpha, c.PlantAreaPx, c.Samples, "calibrated")
            : new CalibrationView(key, productId, packagingId, 0, defaults.Alpha, defaults.FallbackPlantAreaPx, 0, "defaults"));
    }
}

/// <summary>A calibration: α and the plant size (px²) estimates use, from how many validated sessions, and whether they are still the defaults.</summary>
public sealed record CalibrationView(string Key, int ProductId, int? PackagingId, int Version, double Alpha, double PlantAreaPx, int Samples, string Source);
