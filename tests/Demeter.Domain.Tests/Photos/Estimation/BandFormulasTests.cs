using Demeter.Domain.Photos.Estimation;

namespace Demeter.Domain.Tests.Photos.Estimation;

public class BandFormulasTests
{
    [Fact]
    public void Bands_are_floor_of_height_over_n_high_and_the_last_extends_to_the_bottom()
    {
        // h_b = floor(10 / 4) = 2: [0,2) [2,4) [4,6) and the last [6,10).
        Assert.Equal([(0, 2), (2, 4), (4, 6), (6, 10)], BandFormulas.Rows(10, 4));
    }

    [Fact]
    public void Bands_divide_an_even_height_equally()
    {
        // h_b = 400 / 4 = 100.
        Assert.Equal([(0, 100), (100, 200), (200, 300), (300, 400)], BandFormulas.Rows(400, 4));
    }

    [Fact]
    public void One_band_is_the_whole_height()
    {
        Assert.Equal([(0, 7)], BandFormulas.Rows(7, 1));
    }

    [Fact]
    public void Fewer_rows_than_bands_leaves_all_rows_to_the_last_band()
    {
        // h_b = floor(3 / 4) = 0: three empty bands, the last [0,3).
        Assert.Equal([(0, 0), (0, 0), (0, 0), (0, 3)], BandFormulas.Rows(3, 4));
    }

    [Theory]
    [InlineData(-1, 4)]
    [InlineData(10, 0)]
    public void Invalid_band_arguments_are_rejected(int height, int bands)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BandFormulas.Rows(height, bands));
    }

    [Theory]
    // rank = p · (n − 1) = p · 3, interpolated between sorted[floor(rank)] and the next value.
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.75)] // rank 0.75: 1 + 0.75 · (2 − 1)
    [InlineData(0.5, 2.5)] // rank 1.5: 2 + 0.5 · (3 − 2)
    [InlineData(0.75, 3.25)] // rank 2.25: 3 + 0.25 · (4 − 3)
    [InlineData(1.0, 4.0)]
    public void Percentile_interpolates_linearly_like_numpy(double p, double expected)
    {
        Assert.Equal(expected, BandFormulas.Percentile([1, 2, 3, 4], p), 12);
    }

    [Fact]
    public void Percentile_of_one_value_is_that_value()
    {
        Assert.Equal(42.0, BandFormulas.Percentile([42], 0.75));
    }

    [Fact]
    public void Percentile_of_nothing_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => BandFormulas.Percentile([], 0.5));
    }

    [Fact]
    public void Iqr_mean_fences_off_an_outlier()
    {
        // Sorted [100, 110, 120, 130, 1000]: Q1 = sorted[1] = 110 (rank 1), Q3 = sorted[3] = 130 (rank 3), IQR = 20,
        // fences [110 − 30, 130 + 30] = [80, 160]: 1000 is dropped, mean (100 + 110 + 120 + 130) / 4 = 115.
        Assert.Equal(115.0, BandFormulas.IqrMean([130, 1000, 100, 120, 110]));
    }

    [Fact]
    public void Iqr_mean_of_ten_areas_with_interpolated_quartiles()
    {
        // Sorted [144, 144, 169, 169, 196, 196, 225, 225, 256, 1600]: Q1 rank 2.25 → 169, Q3 rank 6.75 → 225,
        // IQR 56, fences [85, 309]: 1600 is dropped; mean = 1724 / 9.
        double[] areas = [144, 144, 169, 169, 196, 196, 225, 225, 256, 1600];

        Assert.Equal(1724.0 / 9, BandFormulas.IqrMean(areas)!.Value, 9);
    }

    [Fact]
    public void Iqr_mean_keeps_everything_within_the_fences()
    {
        // [10, 20, 30, 40]: Q1 = 17.5, Q3 = 32.5, IQR 15, fences [−5, 55]: all kept, mean 25.
        Assert.Equal(25.0, BandFormulas.IqrMean([40, 10, 30, 20]));
    }

    [Fact]
    public void Iqr_mean_of_equal_areas_is_that_area()
    {
        Assert.Equal(50.0, BandFormulas.IqrMean([50, 50, 50]));
    }

    [Fact]
    public void Iqr_mean_of_nothing_is_null()
    {
        Assert.Null(BandFormulas.IqrMean([]));
    }

    [Theory]
    // n = ceil(a / (A · α)).
    [InlineData(12_500, 1_562.5, 0.9, 9)] // 12 500 / 1 406.25 = 8.89 → 9 (ceil(a / A · α) would give 8)
    [InlineData(4_500, 2_500, 0.9, 2)] // 4 500 / 2 250 = 2 exactly
    [InlineData(4_501, 2_500, 0.9, 3)] // just over two plants → 3
    [InlineData(2_500, 2_500, 1.0, 1)]
    [InlineData(1, 2_500, 0.9, 1)] // no noise floor: one pixel is a plant
    [InlineData(0, 2_500, 0.9, 0)]
    [InlineData(-10, 2_500, 0.9, 0)]
    public void Count_is_the_ceiling_of_area_over_plant_size_times_alpha(long area, double plant, double alpha, int expected)
    {
        Assert.Equal(expected, BandFormulas.Count(area, plant, alpha));
    }

    [Theory]
    // One plant A · α = 2 500 · 0.9 = 2 250; the floor is half of it, 1 125 px.
    [InlineData(600, 0)]
    [InlineData(1_124, 0)]
    [InlineData(1_125, 1)] // not below the floor: ceil(0.5) = 1
    [InlineData(1_200, 1)]
    [InlineData(2_251, 2)]
    public void Count_is_zero_below_the_noise_floor(long area, int expected)
    {
        Assert.Equal(expected, BandFormulas.Count(area, 2_500, 0.9, noiseFloorFraction: 0.5));
    }

    [Theory]
    [InlineData(0, 0.9)]
    [InlineData(2_500, 0)]
    [InlineData(-2_500, 0.9)]
    [InlineData(double.NaN, 0.9)]
    public void Count_rejects_a_non_positive_plant_size(double plant, double alpha)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BandFormulas.Count(100, plant, alpha));
    }

    [Fact]
    public void Count_of_nothing_needs_no_plant_size()
    {
        Assert.Equal(0, BandFormulas.Count(0, 0, 0));
    }

    [Fact]
    public void Otsu_splits_two_spikes_between_them_with_each_spike_as_a_class_mean()
    {
        var histogram = new long[256];
        histogram[50] = 100;
        histogram[200] = 100;

        var split = BandFormulas.Otsu(histogram);

        // Every t in [50, 199] separates {50} from {200} equally well.
        Assert.NotNull(split);
        Assert.InRange(split.Value.Threshold, 50, 199);
        Assert.Equal(50.0, split.Value.LowMean);
        Assert.Equal(200.0, split.Value.HighMean);
    }

    [Fact]
    public void Otsu_maximizes_the_between_class_variance()
    {
        var histogram = new long[256];
        histogram[10] = 3;
        histogram[20] = 1;
        histogram[200] = 4;

        var split = BandFormulas.Otsu(histogram);

        // t ∈ [10, 20): w 3 | 5, means 10 | (20 + 800) / 5 = 164, w_l·w_h·Δ² = 15 · 154² = 355 740.
        // t ∈ [20, 200): w 4 | 4, means 50 / 4 = 12.5 | 200, 16 · 187.5² = 562 500 → the larger: t = 20.
        Assert.Equal((20, 12.5, 200.0), split);
    }

    [Fact]
    public void Otsu_of_a_single_level_is_null()
    {
        var histogram = new long[256];
        histogram[103] = 5_000;

        Assert.Null(BandFormulas.Otsu(histogram));
    }

    [Fact]
    public void Otsu_of_an_empty_histogram_is_null()
    {
        Assert.Null(BandFormulas.Otsu(new long[256]));
    }

    [Fact]
    public void Otsu_of_the_two_extreme_levels_splits_them()
    {
        var histogram = new long[256];
        histogram[0] = 1;
        histogram[255] = 1;

        Assert.Equal((0, 0.0, 255.0), BandFormulas.Otsu(histogram));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(257)]
    public void Otsu_needs_256_bins(int bins)
    {
        Assert.Throws<ArgumentException>(() => BandFormulas.Otsu(new long[bins]));
    }
}
