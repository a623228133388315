using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;
using SkiaSharp;

namespace Demeter.Inference.Tests.Synthetic;

public class SyntheticTrayPhotoTests
{
    [Fact]
    public void The_same_seed_gives_the_same_photo_and_another_seed_a_different_one()
    {
        var a = SyntheticTrayPhoto.Generate(640, 480, 12, seed: 9, plantDiameterPx: 60);
        var b = SyntheticTrayPhoto.Generate(640, 480, 12, seed: 9, plantDiameterPx: 60);
        var c = SyntheticTrayPhoto.Generate(640, 480, 12, seed: 10, plantDiameterPx: 60);

        Assert.Equal(a.Jpeg, b.Jpeg);
        Assert.Equal(a.Plants, b.Plants);
        Assert.NotEqual(a.Plants, c.Plants);
    }

    [Fact]
    public void Plants_never_overlap_and_keep_clear_of_the_border()
    {
        var photo = SyntheticTrayPhoto.Generate(1600, 1200, 60, seed: 4, plantDiameterPx: 80);

        Assert.Equal(60, photo.Plants.Count);
        foreach (var p in photo.Plants)
        {
            var r = p.DiameterPx / 2;
            Assert.True(p.X - r > 0 && p.Y - r > 0 && p.X + r < 1600 && p.Y + r < 1200, $"{p} touches the border");
            Assert.InRange(p.DiameterPx, 80 * 0.85f, 80 * 1.15f);
            foreach (var q in photo.Plants.Where(q => q != p))
            {
                var distance = Math.Sqrt(Math.Pow(p.X - q.X, 2) + Math.Pow(p.Y - q.Y, 2));
                Assert.True(distance > r + (q.DiameterPx / 2), $"{p} overlaps {q}");
            }
        }
    }

    [Fact]
    public void Plants_are_green_at_their_centres_and_soil_is_brown()
    {
        var photo = SyntheticTrayPhoto.Generate(800, 600, 10, seed: 2, plantDiameterPx: 70);
        using var decoded = PhotoDecoder.Decode(photo.Jpeg);

        foreach (var p in photo.Plants)
        {
            var c = decoded.Bitmap.GetPixel((int)p.X, (int)p.Y);
            Assert.True(c.Green > c.Red + 50 && c.Green > c.Blue + 50, $"centre of {p} is {c}");
        }

        var soil = decoded.Bitmap.GetPixel(2, 2);
        Assert.True(soil.Red > soil.Green && soil.Green > soil.Blue, $"soil is {soil}");
    }

    [Fact]
    public void Gps_is_embedded_when_given()
    {
        var photo = SyntheticTrayPhoto.Generate(320, 240, 2, seed: 1, plantDiameterPx: 40, gps: new GpsCoordinate(-33.45, -70.66));

        var gps = ExifGpsReader.Read(photo.Jpeg).Position!.Value;

        Assert.Equal(-33.45, gps.Latitude, 1e-6);
        Assert.Equal(-70.66, gps.Longitude, 1e-6);
        Assert.Equal(SKEncodedOrigin.TopLeft, PhotoDecoder.Decode(photo.Jpeg).StoredOrigin);
    }

    [Fact]
    public void Asking_for_more_plants_than_fit_fails_clearly()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticTrayPhoto.Generate(400, 300, 100, seed: 1, plantDiameterPx: 80));

        Assert.Contains("Could not place 100", error.Message, StringComparison.Ordinal);
    }
}
