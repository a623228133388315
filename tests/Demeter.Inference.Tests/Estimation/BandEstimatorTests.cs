using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;
using Demeter.Inference.Estimation;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Estimation;

public class BandEstimatorTests
{
    // 8-bit LAB lightness (L·255/100): soil 103, plant 195 (92 apart, far above the 24 separation guard).
    private static readonly SKColor Soil = new(118, 90, 64);
    private static readonly SKColor Plant = new(120, 210, 80);

    private const int PhotoWidth = 1000;
    private const int PhotoHeight = 600;

    // An 800 × 400 container at (100, 100); four bands of 100 rows: photo y [100, 200), [200, 300), [300, 400), [400, 500).
    private static readonly PixelRect Box = new(100, 100, 800, 400);

    /// <summary>The photo is at most 1 024 px on its longer side, so the mask grid is one cell per pixel: the residual is exactly the box.</summary>
    private static Container Container() =>
        new(0, ContainerTypes.Box, StorageBinCategory.Box, "cajon", 0.9f, Box, ContainerMask.FromRect(Box, PhotoWidth, PhotoHeight));

    private static SKBitmap SoilPhoto(SKColorType colorType = SKColorType.Rgba8888)
    {
        var bitmap = new SKBitmap(new SKImageInfo(PhotoWidth, PhotoHeight, colorType, SKAlphaType.Premul));
        bitmap.Erase(Soil);
        return bitmap;
    }

    private static void Paint(SKBitmap bitmap, SKColor colour, int x, int y, int width, int height) =>
        bitmap.Erase(colour, new SKRectI(x, y, x + width, y + height));

    private static Detection Detected(int cx, int cy, int side) =>
        new(cx - (side / 2f), cy - (side / 2f), cx + (side / 2f), cy + (side / 2f), 0.8f, 0, "plant");

    private static int ProcessedIn(ContainerEstimate estimate, int x, int y, int width, int height)
    {
        var count = 0;
        for (var yy = y; yy < y + height; yy++)
        {
            for (var xx = x; xx < x + width; xx++)
            {
                count += estimate.Processed[((yy - Box.Y) * Box.Width) + xx - Box.X] ? 1 : 0;
            }
        }

        return count;
    }

    [Fact]
    public void Bare_soil_is_all_residual_and_estimates_nothing()
    {
        using var photo = SoilPhoto();

        var estimate = BandEstimator.Estimate(photo, Container(), []);

        Assert.Equal(Box, estimate.Crop);
        Assert.Equal([1, 2, 3, 4], estimate.Bands.Select(b => b.Band));
        Assert.Equal([(100, 200), (200, 300), (300, 400), (400, 500)], estimate.Bands.Select(b => (b.YStart, b.YEnd)));

        // 800 · 100 = 80 000 residual pixels per band; one lightness level, so Otsu has nothing to split.
        Assert.All(estimate.Bands, b =>
        {
            Assert.Equal(80_000, b.ResidualAreaPx);
            Assert.Equal(0, b.ProcessedAreaPx);
            Assert.Equal(80_000, b.FloorSuppressedPx);
            Assert.Equal(0, b.Estimated);
            Assert.Equal(0, b.Detections);
            Assert.Equal((2500.0, PlantAreaSources.Default, 0.9, 0.5), (b.AveragePlantAreaPx, b.PlantAreaSource, b.Alpha, b.Confidence));
        });
        Assert.Equal(0, estimate.Estimated);
        Assert.DoesNotContain(true, estimate.Processed);
    }

    [Fact]
    public void Textured_soil_whose_tones_differ_less_than_the_separation_guard_is_floor()
    {
        using var photo = SoilPhoto();

        // Lightness 114 against the soil's 103: Otsu splits them, but 11 < 24 makes it one population, and neither tone
        // has a plant hue (both H 14).
        var lighter = new SKColor(128, 100, 74);
        for (var x = 100; x < 900; x += 40)
        {
            Paint(photo, lighter, x, 100, 20, 400);
        }

        var estimate = BandEstimator.Estimate(photo, Container(), []);

        Assert.All(estimate.Bands, b => Assert.Equal((80_000L, 0L, 0), (b.ResidualAreaPx, b.ProcessedAreaPx, b.Estimated)));
    }

    [Fact]
    public void Lighter_debris_without_a_plant_hue_is_floor()
    {
        using var photo = SoilPhoto();

        // Straw (200, 160, 120): lightness 175, well above the soil's 103, but hue 15 is outside the plant hues 35–85.
        Paint(photo, new SKColor(200, 160, 120), 200, 120, 60, 60);

        var estimate = BandEstimator.Estimate(photo, Container(), []);

        Assert.Equal((80_000L, 0L, 0), (estimate.Bands[0].ResidualAreaPx, estimate.Bands[0].ProcessedAreaPx, estimate.Bands[0].Estimated));
    }

    [Fact]
    public void A_split_keeps_only_the_side_with_more_plant_hued_pixels()
    {
        using var photo = SoilPhoto();

        // Band 1: soil (L 103, not plant-hued) 75 000 px, dark green (40, 90, 30) L 86 and bright green L 195, 2 500 px each,
        // both plant-hued (H 55 and 51). Otsu: t = 86 gives 2 500 · 77 500 · (86 − 105.97)² ≈ 7.7·10¹⁰, t = 103 gives
        // 77 500 · 2 500 · (102.45 − 195)² ≈ 1.7·10¹²: split at 103, 92.5 apart. Above it every pixel is plant-hued, below
        // it 2 500 of 77 500: the bright side is vegetation and the dark green plant is lost with the soil.
        Paint(photo, new SKColor(40, 90, 30), 200, 120, 50, 50);
        Paint(photo, Plant, 400, 120, 50, 50);

        var split = BandEstimator.Estimate(photo, Container(), []);

        // With a guard above 92.5 the split is one population: every plant-hued pixel is vegetation.
        var unsplit = BandEstimator.Estimate(photo, Container(), [], new EstimationSettings { MinOtsuSeparation = 100 });

        Assert.Equal((2_500L, 2), (split.Bands[0].ProcessedAreaPx, split.Bands[0].Estimated));
        Assert.Equal(2_500, ProcessedIn(split, 400, 120, 50, 50));
        Assert.Equal((5_000L, 3), (unsplit.Bands[0].ProcessedAreaPx, unsplit.Bands[0].Estimated));
    }

    [Fact]
    public void Dark_plants_on_pale_soil_are_the_darker_side()
    {
        // Pale sand (200, 180, 150): L 189, hue 18 (not a plant hue); dark green plants L 86, hue 55.
        using var photo = Bitmaps.Filled(PhotoWidth, PhotoHeight, new SKColor(200, 180, 150));
        Paint(photo, new SKColor(40, 90, 30), 200, 120, 50, 50);
        Paint(photo, new SKColor(40, 90, 30), 500, 120, 50, 50);

        var estimate = BandEstimator.Estimate(photo, Container(), []);

        // 2 · 2 500 = 5 000 px → ceil(5 000 / 2 250) = 3.
        Assert.Equal((5_000L, 3), (estimate.Bands[0].ProcessedAreaPx, estimate.Bands[0].Estimated));
    }

    [Fact]
    public void Undetected_plants_are_counted_per_band_with_the_default_plant_size()
    {
        using var photo = SoilPhoto();
        Paint(photo, Plant, 150, 120, 50, 50); // band 1: 2 500 px
        Paint(photo, Plant, 300, 220, 50, 50); // band 2: 2 · 2 500 = 5 000 px
        Paint(photo, Plant, 600, 230, 50, 50);
        Paint(photo, Plant, 400, 330, 40, 40); // band 3: 1 600 px
        Paint(photo, Plant, 700, 430, 30, 30); // band 4: 900 px

        var estimate = BandEstimator.Estimate(photo, Container(), []);

        // Squares of 30 px and more survive the 3 × 3 opening whole. A·α = 2 500 · 0.9 = 2 250; noise floor 1 125.
        //   band 1: ceil(2 500 / 2 250) = ceil(1.11) = 2
        //   band 2: ceil(5 000 / 2 250) = ceil(2.22) = 3
        //   band 3: ceil(1 600 / 2 250) = ceil(0.71) = 1
        //   band 4: 900 < 1 125 → 0
        Assert.Equal([2_500L, 5_000L, 1_600L, 900L], estimate.Bands.Select(b => b.ProcessedAreaPx));
        Assert.Equal([77_500L, 75_000L, 78_400L, 79_100L], estimate.Bands.Select(b => b.FloorSuppressedPx));
        Assert.Equal([2, 3, 1, 0], estimate.Bands.Select(b => b.Estimated));
        Assert.Equal(6, estimate.Estimated);
        Assert.All(estimate.Bands, b => Assert.Equal((80_000L, 2500.0, PlantAreaSources.Default, 0.5), (b.ResidualAreaPx, b.AveragePlantAreaPx, b.PlantAreaSource, b.Confidence)));

        // The processed mask is exactly the painted squares.
        Assert.Equal(10_000, estimate.Processed.Count(p => p));
        Assert.Equal(2_500, ProcessedIn(estimate, 150, 120, 50, 50));
        Assert.Equal(900, ProcessedIn(estimate, 700, 430, 30, 30));
    }

    [Fact]
    public void Bgra_photos_read_the_same()
    {
        using var photo = SoilPhoto(SKColorType.Bgra8888);
        Paint(photo, Plant, 150, 120, 50, 50);

        var estimate = BandEstimator.Estimate(photo, Container(), []);

        Assert.Equal((2_500L, 2), (estimate.Bands[0].ProcessedAreaPx, estimate.Bands[0].Estimated));
    }

    [Fact]
    public void Specks_smaller_than_the_opening_are_removed()
    {
        using var photo = SoilPhoto();
        Paint(photo, Plant, 150, 120, 50, 50);
        Paint(photo, Plant, 400, 150, 2, 2); // a 2 × 2 speck: no 3 × 3 square fits, the opening removes it
        Paint(photo, Plant, 500, 150, 1, 40); // a one-pixel line

        var estimate = BandEstimator.Estimate(photo, Container(), []);

        Assert.Equal(2_500, estimate.Bands[0].ProcessedAreaPx);
        Assert.Equal(0, ProcessedIn(estimate, 400, 150, 2, 2) + ProcessedIn(estimate, 500, 150, 1, 40));
    }

    [Fact]
    public void Dark_unsaturated_pixels_are_floor_even_inside_a_widened_plant_range()
    {
        using var photo = Bitmaps.Filled(PhotoWidth, PhotoHeight, SKColors.Black);

        // Every hue a plant (as for red succulents): only the soil range H ≤ 30, S ≤ 40, V ≤ 40 is left to exclude
        // floor. (35, 35, 35) is H 0, S 0, V 35: soil; (60, 60, 60) has V 60 and is not. Lightness 35 and 65 against
        // black's 0, so Otsu puts both above its threshold.
        var settings = new EstimationSettings { VegetationMin = new HsvBound(0, 0, 0), VegetationMax = new HsvBound(179, 255, 255) };
        Paint(photo, new SKColor(35, 35, 35), 150, 120, 50, 50);
        Paint(photo, new SKColor(60, 60, 60), 150, 220, 50, 50);
        Paint(photo, new SKColor(35, 35, 35), 300, 220, 50, 50);

        var estimate = BandEstimator.Estimate(photo, Container(), [], settings);

        Assert.Equal(0, estimate.Bands[0].ProcessedAreaPx);
        Assert.Equal(2_500, estimate.Bands[1].ProcessedAreaPx);
        Assert.Equal(2_500, ProcessedIn(estimate, 150, 220, 50, 50));
    }

    [Fact]
    public void Grey_is_not_a_plant_hue()
    {
        using var photo = Bitmaps.Filled(PhotoWidth, PhotoHeight, SKColors.Black);
        Paint(photo, new SKColor(60, 60, 60), 150, 220, 50, 50);

        var estimate = BandEstimator.Estimate(photo, Container(), []);

        Assert.Equal(0, estimate.Bands[1].ProcessedAreaPx);
    }

    [Fact]
    public void Ten_detections_in_a_band_give_it_its_own_plant_size_and_their_discs_leave_the_residual()
    {
        using var photo = SoilPhoto();

        // Ten detected plants in band 1 (centre y = 150), each painted as its own box; sides 12, 12, 13, 13, 14, 14,
        // 15, 15, 16 and 40 at x = 140, 210, …, 770.
        int[] sides = [12, 12, 13, 13, 14, 14, 15, 15, 16, 40];
        var detections = sides.Select((side, i) => Detected(140 + (70 * i), 150, side)).ToList();
        foreach (var d in detections)
        {
            Paint(photo, Plant, (int)d.X1, (int)d.Y1, (int)d.Width, (int)d.Height);
        }

        Paint(photo, Plant, 830, 110, 50, 50); // band 1, undetected, clear of every disc
        Paint(photo, Plant, 300, 220, 50, 50); // band 2, undetected

        var estimate = BandEstimator.Estimate(photo, Container(), detections);
        var (band1, band2) = (estimate.Bands[0], estimate.Bands[1]);

        // Areas 144, 144, 169, 169, 196, 196, 225, 225, 256, 1 600: Q1 169, Q3 225, fences [85, 309] drop 1 600;
        // A = 1 724 / 9 = 191.6, A·α = 172.4: band 1 ceil(2 500 / 172.4) = ceil(14.5) = 15.
        Assert.Equal((10, PlantAreaSources.Band, 0.7), (band1.Detections, band1.PlantAreaSource, band1.Confidence));
        Assert.Equal(1724.0 / 9, band1.AveragePlantAreaPx, 9);
        Assert.Equal((2_500L, 15), (band1.ProcessedAreaPx, band1.Estimated));

        // Band 2 has no detections of its own: the container's ten give the same A.
        Assert.Equal((0, PlantAreaSources.Container, 0.7), (band2.Detections, band2.PlantAreaSource, band2.Confidence));
        Assert.Equal(1724.0 / 9, band2.AveragePlantAreaPx, 9);
        Assert.Equal((2_500L, 15), (band2.ProcessedAreaPx, band2.Estimated));
        Assert.Equal(30, estimate.Estimated);

        // Discs of radius int(0.85 · side) = 10, 10, 11, 11, 11, 11, 12, 12, 13, 34: Σr² = 2 297, π · 2 297 ≈ 7 216 px
        // leave band 1's residual (all within its rows); the other bands keep all 80 000.
        Assert.InRange(80_000 - band1.ResidualAreaPx, 7_216 * 0.95, 7_216 * 1.05);
        Assert.Equal([80_000L, 80_000L, 80_000L], estimate.Bands.Skip(1).Select(b => b.ResidualAreaPx));

        // None of the detected plants' pixels were taken as undetected ones.
        Assert.All(detections, d => Assert.Equal(0, ProcessedIn(estimate, (int)d.X1, (int)d.Y1, (int)d.Width, (int)d.Height)));
    }

    [Fact]
    public void Nine_detections_are_too_few_to_trust()
    {
        using var photo = SoilPhoto();
        var detections = Enumerable.Range(0, 9).Select(i => Detected(140 + (70 * i), 150, 20)).ToList();
        Paint(photo, Plant, 830, 110, 50, 50);

        var estimate = BandEstimator.Estimate(photo, Container(), detections);

        // Neither the band nor the container reaches ten: A₀ = 2 500, ceil(2 500 / 2 250) = 2.
        Assert.Equal((9, PlantAreaSources.Default, 2500.0, 2), (estimate.Bands[0].Detections, estimate.Bands[0].PlantAreaSource, estimate.Bands[0].AveragePlantAreaPx, estimate.Bands[0].Estimated));
    }

    [Fact]
    public void Degenerate_detections_do_not_give_a_zero_plant_size()
    {
        using var photo = SoilPhoto();
        Paint(photo, Plant, 830, 110, 50, 50);
        var degenerate = Enumerable.Range(0, 10).Select(i => new Detection(140 + (70 * i), 140, 140 + (70 * i), 160, 0.8f, 0, "plant")).ToList();

        var estimate = BandEstimator.Estimate(photo, Container(), degenerate);

        Assert.True(estimate.Bands[0].AveragePlantAreaPx > 0);
    }

    [Fact]
    public void A_calibration_replaces_the_default_plant_size_and_alpha()
    {
        using var photo = SoilPhoto();
        Paint(photo, Plant, 150, 120, 50, 50);
        var calibration = new PlantSizeCalibration("product/packaging", 3, 1_000, 0.8, 40);

        var estimate = BandEstimator.Estimate(photo, Container(), [], calibration: calibration);

        // ceil(2 500 / (1 000 · 0.8)) = ceil(3.125) = 4.
        var band = estimate.Bands[0];
        Assert.Equal((PlantAreaSources.Calibration, 1000.0, 0.8, 4, 0.7), (band.PlantAreaSource, band.AveragePlantAreaPx, band.Alpha, band.Estimated, band.Confidence));
    }

    [Fact]
    public void Only_pixels_inside_the_container_mask_are_residual()
    {
        using var photo = SoilPhoto();

        // A 2 × 1 grid over the photo: only the left half (x < 500) is in the mask, so the box's residual is x ∈ [100, 500).
        var mask = ContainerMask.FromCells([true, false], 2, 1, PhotoWidth, PhotoHeight);
        var container = new Container(0, ContainerTypes.Segment, StorageBinCategory.Segment, "segment", 0.9f, Box, mask);
        Paint(photo, Plant, 150, 120, 50, 50); // inside
        Paint(photo, Plant, 600, 120, 50, 50); // in the box, outside the mask

        var estimate = BandEstimator.Estimate(photo, container, []);

        Assert.Equal(400 * 100, estimate.Bands[0].ResidualAreaPx);
        Assert.Equal((2_500L, 2), (estimate.Bands[0].ProcessedAreaPx, estimate.Bands[0].Estimated));
    }

    [Fact]
    public void The_number_of_bands_is_a_setting()
    {
        using var photo = SoilPhoto();

        var estimate = BandEstimator.Estimate(photo, Container(), [], new EstimationSettings { Bands = 3 });

        // floor(400 / 3) = 133: [0, 133), [133, 266), [266, 400) of the crop.
        Assert.Equal([(100, 233), (233, 366), (366, 500)], estimate.Bands.Select(b => (b.YStart, b.YEnd)));
        Assert.Equal([800L * 133, 800L * 133, 800L * 134], estimate.Bands.Select(b => b.ResidualAreaPx));
    }

    [Fact]
    public void Photos_that_are_not_32_bit_are_refused()
    {
        using var photo = new SKBitmap(new SKImageInfo(100, 100, SKColorType.Gray8, SKAlphaType.Opaque));
        var box = new PixelRect(0, 0, 100, 100);
        var container = new Container(0, ContainerTypes.Box, StorageBinCategory.Box, "cajon", 0.9f, box, ContainerMask.FromRect(box, 100, 100));

        Assert.Throws<ArgumentException>(() => BandEstimator.Estimate(photo, container, []));
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        using var photo = SoilPhoto();

        Assert.Throws<ArgumentException>(() => BandEstimator.Estimate(photo, Container(), [], new EstimationSettings { BlurKernelPx = 14 }));
    }
}
