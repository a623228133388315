using Demeter.Inference.Onnx;

namespace Demeter.Inference.Detectors;

/// <summary>
/// The ONNX graph of the built-in detector: excess green → cell average → Gaussian hill per plant → local
/// maxima → YOLOv8 layout (B, 5, N) with one candidate per cell. Non-peak cells get score 0 and are dropped
/// by the usual confidence filter of any YOLO decoder. The batch axis is dynamic, so tiles waiting together run in
/// one call; every operator works per image, so an image's output does not depend on the others in its batch.
/// </summary>
internal static class BuiltInPlantDetectorGraph
{
    // Raster-order tie breaker: on an exactly flat plateau the last cell wins, so a plateau yields one peak.
    // 2.5e-7 exceeds one float ulp below 2.0 (the ExG maximum) yet shifts values by < 0.01 over 160×160 cells.
    private const float RampStep = 2.5e-7f;

    public static OnnxGraph Build(BuiltInPlantDetectorOptions o)
    {
        var s = o.InputSizePx;
        var c = o.CellSizePx;
        var grid = s / c;
        var n = (long)grid * grid;
        var g = new OnnxGraphBuilder("builtin_plant_detector");

        var images = g.Input("images", OnnxDataType.Float, null, 3, s, s);
        var exg = g.Op("Conv", [images, g.Floats([1, 3, 1, 1], [-1f, 2f, -1f])]);
        if (o.GreenerThanRed)
        {
            // Dry leaves and straw are yellow-brown: their excess green is positive, but their red exceeds their green.
            var greenMinusRed = g.Op("Conv", [images, g.Floats([1, 3, 1, 1], [-1f, 1f, 0f])]);
            exg = g.Op("Mul", [exg, Cast(g, g.Op("Greater", [greenMinusRed, g.Scalar(0f)]))]);
        }

        var cellExg = g.Op("AveragePool", [exg], Ints("kernel_shape", c, c), Ints("strides", c, c));

        var (kernel, radius) = GaussianKernel(o.SmoothingSigmaCells);

        // Edge padding, not zeros: a plant cut by the frame must keep rising towards the border, so that its
        // hill peaks on the border ring (and is left to the tile that sees its centre) instead of just inside.
        var extended = g.Op("Pad", [cellExg, g.Int64s(0, 0, radius, radius, 0, 0, radius, radius)], OnnxAttribute.String("mode", "edge"));
        var smoothed = g.Op("Conv", [extended, g.Floats([1, 1, kernel.Length, kernel.Length], Outer(kernel))]);

        var vegetation = Cast(g, g.Op("Greater", [cellExg, g.Scalar(o.VegetationThreshold)]));
        var fills = WindowFills(g, vegetation, o.AreaWindowsCells, grid);
        var score = PeakScores(g, o, smoothed, g.Op("Mul", [g.Op("Sum", fills), g.Scalar(1f / fills.Length)]), grid, n);
        var side = BoxSide(g, o, fills);

        // 0 keeps the input's batch size; the cell centres are the same for every image of the batch.
        var flat = g.Int64s(0, 1, n);
        var w = g.Op("Reshape", [side, flat]);
        var scores = g.Op("Reshape", [score, flat]);
        var perImage = g.Op("Shape", [w]);
        var cx = g.Op("Expand", [CellCentres(g, c, s, grid, n, alongX: true), perImage]);
        var cy = g.Op("Expand", [CellCentres(g, c, s, grid, n, alongX: false), perImage]);
        var output = g.Op("Concat", [cx, cy, w, w, scores], OnnxAttribute.Int("axis", 1));
        g.Output(output, "output0", OnnxDataType.Float, null, 5, n);
        return g.Build();
    }

    private static string PeakScores(OnnxGraphBuilder g, BuiltInPlantDetectorOptions o, string smoothed, string meanFill, int grid, long n)
    {
        // The mean vegetation fill over all windows has a single maximum in the middle of a round blob (for radius
        // r, some window with r·√2 < k < 2r is neither inside nor around it, so it strictly peaks at the centre):
        // it moves the peak of a uniformly coloured plant (a flat ExG top) to its centre, while on a plant with a
        // brighter centre the ExG slope dominates.
        var ramp = g.Op("Reshape", [g.Op("Mul", [g.Op("Range", [g.Scalar(0), g.Scalar(n), g.Scalar(1)]), g.Scalar(RampStep)]), g.Int64s(1, 1, grid, grid)]);
        var centred = g.Op("Add", [smoothed, g.Op("Mul", [meanFill, g.Scalar(o.CentringWeight)])]);
        var ranked = g.Op("Add", [centred, ramp]);
        var half = o.PeakWindowCells / 2;
        var localMax = g.Op("MaxPool", [ranked], Ints("kernel_shape", o.PeakWindowCells, o.PeakWindowCells), Ints("strides", 1, 1), Ints("pads", half, half, half, half));
        var isPeak = Cast(g, g.Op("Equal", [ranked, localMax]));
        var aboveGate = Cast(g, g.Op("Greater", [smoothed, g.Scalar(o.PeakGate)]));
        var sigmoid = g.Op("Sigmoid", [g.Op("Mul", [g.Op("Sub", [smoothed, g.Scalar(o.ScoreMidpoint)]), g.Scalar(o.ScoreGain)])]);
        return g.Op("Mul", [g.Op("Mul", [g.Op("Mul", [sigmoid, isPeak]), aboveGate]), InteriorMask(g, grid, o.BorderCells)]);
    }

    /// <summary>
    /// 1 inside, 0 on the outer ring of <paramref name="ring"/> cells. A peak on the ring means the plant's centre is
    /// at or beyond the frame: a truncated plant, which overlapping SAHI tiles see whole elsewhere.
    /// </summary>
    private static string InteriorMask(OnnxGraphBuilder g, int grid, int ring)
    {
        var inner = grid - (2 * ring);
        var ones = g.Op("Expand", [g.Scalar(1), g.Int64s(1, 1, inner, inner)]);
        return g.Op("Pad", [ones, g.Int64s(0, 0, ring, ring, 0, 0, ring, ring)]);
    }

    /// <summary>Box side in input pixels: the diameter of a disc with the vegetation area found around each cell.</summary>
    private static string BoxSide(OnnxGraphBuilder g, BuiltInPlantDetectorOptions o, string[] fills)
    {
        var windows = o.AreaWindowsCells;

        var areaCells = g.Op("Mul", [fills[^1], g.Scalar(windows[^1] * windows[^1])]);
        for (var i = windows.Count - 2; i >= 0; i--)
        {
            var fits = g.Op("Less", [fills[i], g.Scalar(o.WindowFillLimit)]);
            areaCells = g.Op("Where", [fits, g.Op("Mul", [fills[i], g.Scalar(windows[i] * windows[i])]), areaCells]);
        }

        var diameterCells = g.Op("Sqrt", [g.Op("Mul", [areaCells, g.Scalar((float)(4 / Math.PI))])]);
        return g.Op("Max", [g.Op("Mul", [diameterCells, g.Scalar(o.CellSizePx)]), g.Scalar(o.CellSizePx)]);
    }

    /// <summary>
    /// Fraction of vegetation in a k×k window around every cell (zeros outside the frame), for each k, from one
    /// integral image: a few element-wise passes per window instead of k² reads per cell.
    /// </summary>
    private static string[] WindowFills(OnnxGraphBuilder g, string mask, IReadOnlyList<int> windows, int grid)
    {
        var alongRows = g.Op("CumSum", [mask, g.Int64Scalar(3)]);
        return windows.Select(k =>
        {
            var rowSums = WindowSumFromPrefix(g, alongRows, 3, k / 2, grid);
            var sums = WindowSumFromPrefix(g, g.Op("CumSum", [rowSums, g.Int64Scalar(2)]), 2, k / 2, grid);
            return g.Op("Mul", [sums, g.Scalar(1f / (k * k))]);
        }).ToArray();
    }

    /// <summary>
    /// Sums over [i − h, i + h] along one axis from inclusive prefix sums P: with Q = (h+1 zeros, P, h copies of
    /// P's last value), the sum at i is Q[i + 2h + 1] − Q[i]. Masks are 0/1, so float sums stay exact.
    /// </summary>
    private static string WindowSumFromPrefix(OnnxGraphBuilder g, string prefix, int axis, int h, int grid)
    {
        long[] Pads(int before, int after) => axis == 3 ? [0, 0, 0, before, 0, 0, 0, after] : [0, 0, before, 0, 0, 0, after, 0];
        var leading = g.Op("Pad", [prefix, g.Int64s(Pads(h + 1, 0))]);
        var padded = g.Op("Pad", [leading, g.Int64s(Pads(0, h))], OnnxAttribute.String("mode", "edge"));
        var axes = g.Int64s(axis);
        var upper = g.Op("Slice", [padded, g.Int64s((2 * h) + 1), g.Int64s((2 * h) + 1 + grid), axes]);
        var lower = g.Op("Slice", [padded, g.Int64s(0), g.Int64s(grid), axes]);
        return g.Op("Sub", [upper, lower]);
    }

    /// <summary>(1, 1, N) centres of the cells in raster order, along x or y, in input pixels.</summary>
    private static string CellCentres(OnnxGraphBuilder g, int cell, int size, int grid, long n, bool alongX)
    {
        var line = g.Op("Range", [g.Scalar(cell / 2f), g.Scalar(size), g.Scalar(cell)]);
        var oriented = g.Op("Reshape", [line, alongX ? g.Int64s(1, grid) : g.Int64s(grid, 1)]);
        var plane = g.Op("Expand", [oriented, g.Int64s(grid, grid)]);
        return g.Op("Reshape", [plane, g.Int64s(1, 1, n)]);
    }

    private static string Cast(OnnxGraphBuilder g, string boolean) =>
        g.Op("Cast", [boolean], OnnxAttribute.Int("to", (long)OnnxDataType.Float));

    private static OnnxAttribute Ints(string name, params long[] values) => OnnxAttribute.Ints(name, values);

    private static (float[] Kernel, int Radius) GaussianKernel(double sigma)
    {
        var radius = (int)Math.Ceiling(2.5 * sigma);
        var kernel = new float[2 * radius + 1];
        for (var i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = (float)Math.Exp(-(i * i) / (2 * sigma * sigma));
        }

        var sum = kernel.Sum();
        return (kernel.Select(v => v / sum).ToArray(), radius);
    }

    private static float[] Outer(float[] k) => k.SelectMany(a => k.Select(b => a * b)).ToArray();
}
