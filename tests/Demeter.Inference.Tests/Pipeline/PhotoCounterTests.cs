using Demeter.Inference.Imaging;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Synthetic;
using Demeter.Inference.Tests.Support;

namespace Demeter.Inference.Tests.Pipeline;

public class PhotoCounterTests
{
    private static readonly PhotoCounter Counter = new(SharedDetector.BuiltIn, new BuiltInContainerSegmenter());

    private static readonly Lazy<SyntheticPhoto> Large = new(() => SyntheticTrayPhoto.Generate(4000, 3000, 300, seed: 21, plantDiameterPx: 75));

    private static void AssertWithinFivePercent(int truth, int counted) =>
        Assert.InRange(counted, truth * 0.95, truth * 1.05);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Built_in_detector_counts_generated_plants_within_five_percent(int seed)
    {
        var photo = SyntheticTrayPhoto.Generate(1600, 1200, 60, seed, plantDiameterPx: 80);

        var count = Counter.Count(photo.Jpeg);

        AssertWithinFivePercent(60, count.Total);
        Assert.Equal((1600, 1200, 12), (count.Width, count.Height, count.Tiles));
        Assert.Equal((0, count.Detected), (count.Estimated, count.Total));
        Assert.Equal(count.Detected, count.Detections.Count);
        Assert.True(count.InferenceTime > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(5, 60)]
    [InlineData(6, 100)]
    public void Whole_image_and_tiled_counts_are_both_within_five_percent(int seed, double diameter)
    {
        var photo = SyntheticTrayPhoto.Generate(1600, 1200, 50, seed, diameter);

        var tiled = Counter.Count(photo.Jpeg);
        var whole = Counter.Count(photo.Jpeg, new PhotoCountOptions { WholeImage = true });

        AssertWithinFivePercent(50, tiled.Total);
        AssertWithinFivePercent(50, whole.Total);
        Assert.Equal(1, whole.Tiles);
    }

    [Fact]
    public void Detections_sit_on_the_true_plant_centres()
    {
        var photo = SyntheticTrayPhoto.Generate(1600, 1200, 60, seed: 7, plantDiameterPx: 80);

        var count = Counter.Count(photo.Jpeg);

        // Recall and precision of centre matches within a tenth of a plant diameter.
        var matched = PlantMatching.Matched(photo.Plants, count.Detections, toleranceOfDiameter: 0.1);
        Assert.InRange(matched, 57, 60);
        Assert.InRange(count.Detections.Count, matched, matched + 3);
        Assert.All(count.Detections, d => Assert.InRange(d.Width, 0.6f * 80, 1.3f * 80));
    }

    [Fact]
    public void A_12_megapixel_photo_with_300_plants_is_counted_within_five_percent_and_placed_correctly()
    {
        var photo = Large.Value;

        var count = Counter.Count(photo.Jpeg);

        Assert.Equal(88, count.Tiles);
        AssertWithinFivePercent(300, count.Total);
        Assert.InRange(PlantMatching.Matched(photo.Plants, count.Detections, toleranceOfDiameter: 0.1), 285, 300);
    }

    [Fact]
    public void Detections_are_in_the_oriented_frame_of_a_rotated_photo()
    {
        // Stored 1200×900 with EXIF orientation 6: upright it is 900×1200 and a stored point (x, y) sits at (900 − y, x).
        var photo = SyntheticTrayPhoto.Generate(1200, 900, 30, seed: 8, plantDiameterPx: 80);
        var rotated = ExifWriter.Insert(photo.Jpeg, gps: null, orientation: 6);

        var count = Counter.Count(rotated);

        Assert.Equal((900, 1200), (count.Width, count.Height));
        AssertWithinFivePercent(30, count.Total);
        var matched = PlantMatching.Matched(photo.Plants, count.Detections, 0.1, p => p with { X = 900 - p.Y, Y = p.X });
        Assert.InRange(matched, 29, 30);
    }

    [Fact]
    public void A_photo_without_plants_counts_zero()
    {
        var photo = SyntheticTrayPhoto.Generate(1300, 900, 0, seed: 3);

        Assert.Equal(0, Counter.Count(photo.Jpeg).Total);
    }

    [Fact]
    public void An_undecodable_upload_fails_with_a_clear_exception()
    {
        Assert.Throws<InvalidPhotoException>(() => Counter.Count("definitely not a photo"u8.ToArray()));
    }
}
