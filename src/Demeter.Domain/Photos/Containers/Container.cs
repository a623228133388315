using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;

namespace Demeter.Domain.Photos.Containers;

/// <summary>
/// One container found in a photo: its standard type (<see cref="ContainerTypes"/>), the bin category it is booked
/// as, the segmenter's class name and confidence, its box and mask in oriented-photo pixels.
/// </summary>
[Manifest("photo.container.v1")]
public sealed record Container(
    int Index, string Type, StorageBinCategory Category, string RawClass, float Confidence, PixelRect Box, ContainerMask Mask) : IDemeterMessage;
