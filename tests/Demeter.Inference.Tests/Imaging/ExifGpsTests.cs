using Demeter.Inference.Imaging;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Imaging;

public class ExifGpsTests
{
    private static readonly Lazy<byte[]> Plain = new(() =>
    {
        using var bitmap = Bitmaps.Filled(64, 48, SKColors.SaddleBrown);
        return Bitmaps.Jpeg(bitmap);
    });

    [Theory]
    [InlineData(-33.4489, -70.6693, TiffByteOrder.LittleEndian)]
    [InlineData(-33.4489, -70.6693, TiffByteOrder.BigEndian)]
    [InlineData(52.5200066, 13.404954, TiffByteOrder.BigEndian)]
    [InlineData(0.0000004, -0.0000004, TiffByteOrder.LittleEndian)]
    [InlineData(89.9999999, 179.9999999, TiffByteOrder.LittleEndian)]
    [InlineData(-90, -180, TiffByteOrder.BigEndian)]
    public void Reader_reads_back_what_the_writer_wrote_to_a_millionth_of_a_degree(double lat, double lon, TiffByteOrder order)
    {
        var jpeg = ExifWriter.Insert(Plain.Value, new GpsCoordinate(lat, lon), orientation: null, order);

        var gps = ExifGpsReader.Read(jpeg).Position;

        Assert.NotNull(gps);
        Assert.Equal(lat, gps.Value.Latitude, 1e-6);
        Assert.Equal(lon, gps.Value.Longitude, 1e-6);
    }

    [Fact]
    public void Many_random_positions_round_trip_in_both_byte_orders()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var expected = new GpsCoordinate((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);
            var order = i % 2 == 0 ? TiffByteOrder.LittleEndian : TiffByteOrder.BigEndian;

            var gps = ExifGpsReader.Read(ExifWriter.Insert(Plain.Value, expected, 6, order)).Position!.Value;

            Assert.Equal(expected.Latitude, gps.Latitude, 1e-6);
            Assert.Equal(expected.Longitude, gps.Longitude, 1e-6);
        }
    }

    [Fact]
    public void Writing_again_replaces_the_old_exif_block_and_the_jpeg_still_decodes()
    {
        var once = ExifWriter.Insert(Plain.Value, new GpsCoordinate(10, 20));
        var twice = ExifWriter.Insert(once, new GpsCoordinate(-1.5, 2.25));

        Assert.Equal(new GpsCoordinate(-1.5, 2.25), ExifGpsReader.Read(twice).Position);
        Assert.Equal(once.Length, twice.Length);
        using var photo = PhotoDecoder.Decode(twice);
        Assert.Equal((64, 48), (photo.Width, photo.Height));
    }

    [Fact]
    public void A_zero_denominator_reads_as_zero()
    {
        // No orientation: TIFF = header 8 + IFD0 (1 entry) 18 + GPS IFD (5 entries) 66 → latitude rationals at 92.
        var jpeg = ExifWriter.Insert(Plain.Value, new GpsCoordinate(10.5, 20), orientation: null, TiffByteOrder.BigEndian);
        var tiff = TiffStart(jpeg);
        jpeg[tiff + 92 + 12 + 3] = 0; // minutes denominator at 104..107, big-endian 1 → 0

        var gps = ExifGpsReader.Read(jpeg).Position!.Value;

        Assert.Equal(10.0, gps.Latitude, 1e-9);
        Assert.Equal(20.0, gps.Longitude, 1e-9);
    }

    [Fact]
    public void Missing_references_default_to_north_and_east()
    {
        var jpeg = ExifWriter.Insert(Plain.Value, new GpsCoordinate(-12.5, -45.25), orientation: null, TiffByteOrder.LittleEndian);
        var tiff = TiffStart(jpeg);
        const int gpsIfd = 8 + 18;
        jpeg[tiff + gpsIfd + 2 + 12] = 0x7E;       // entry 1 (tag 1, LatitudeRef) → unknown tag
        jpeg[tiff + gpsIfd + 2 + (3 * 12)] = 0x7F; // entry 3 (tag 3, LongitudeRef) → unknown tag

        var gps = ExifGpsReader.Read(jpeg).Position!.Value;

        Assert.Equal(12.5, gps.Latitude, 1e-6);
        Assert.Equal(45.25, gps.Longitude, 1e-6);
    }

    [Fact]
    public void Any_parse_failure_means_no_gps()
    {
        var jpeg = ExifWriter.Insert(Plain.Value, new GpsCoordinate(1, 2), orientation: null, TiffByteOrder.LittleEndian);
        var tiff = TiffStart(jpeg);

        var badMagic = (byte[])jpeg.Clone();
        badMagic[tiff + 2] = 43;
        var pointerPastEnd = (byte[])jpeg.Clone();
        pointerPastEnd[tiff + 8 + 2 + 8 + 3] = 0x7F; // GPS IFD offset → ~2 GB
        var truncated = jpeg[..(tiff + 40)];

        Assert.Null(ExifGpsReader.Read(badMagic).Position);
        Assert.Null(ExifGpsReader.Read(pointerPastEnd).Position);
        Assert.Null(ExifGpsReader.Read(truncated).Position);
        Assert.Equal(GpsReading.None, ExifGpsReader.Read(Plain.Value));
        Assert.Equal(GpsReading.None, ExifGpsReader.Read("not a jpeg"u8.ToArray()));
        Assert.Equal(GpsReading.None, ExifGpsReader.Read(ExifWriter.Insert(Plain.Value, gps: null, orientation: 6)));
    }

    [Fact]
    public void Gps_tags_that_cannot_be_a_position_are_reported_not_dropped()
    {
        // Latitude degrees 10 → 95 (rationals at 92, big-endian): 95.5° north is off the earth.
        var jpeg = ExifWriter.Insert(Plain.Value, new GpsCoordinate(10.5, 20), orientation: null, TiffByteOrder.BigEndian);
        var tiff = TiffStart(jpeg);
        jpeg[tiff + 92 + 3] = 95;

        var reading = ExifGpsReader.Read(jpeg);

        Assert.Null(reading.Position);
        Assert.Contains("outside", reading.Problem, StringComparison.Ordinal);
        using var photo = PhotoDecoder.Decode(jpeg);
        Assert.Null(photo.Gps);
        Assert.Equal(reading.Problem, photo.GpsProblem);
    }

    [Fact]
    public void Out_of_range_positions_are_not_written()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExifWriter.Insert(Plain.Value, new GpsCoordinate(91, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExifWriter.Insert(Plain.Value, new GpsCoordinate(0, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExifWriter.Insert(Plain.Value, null, orientation: 9));
    }

    /// <summary>Offset of the TIFF header inside the JPEG (after the APP1 marker, length and "Exif\0\0").</summary>
    private static int TiffStart(byte[] jpeg)
    {
        var exif = "Exif\0\0"u8;
        return jpeg.AsSpan().IndexOf(exif) + exif.Length;
    }
}
