namespace Demeter.Inference.Imaging;

/// <summary>Byte order of a TIFF/EXIF block: "II" (Intel, little-endian) or "MM" (Motorola, big-endian).</summary>
public enum TiffByteOrder
{
    LittleEndian,
    BigEndian,
}
