using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Synthetic;

/// <summary>The kinds of generated nursery scene, one container layout each.</summary>
public enum SceneKind
{
    /// <summary>One bed filling most of the photo, with perspective (far plants smaller) and touching plants.</summary>
    Bed,

    /// <summary>Two to four crates of soil on a concrete floor.</summary>
    Boxes,

    /// <summary>A black plug tray, one plant per cell with some cells empty.</summary>
    PlugTray,

    /// <summary>Crates of which some hold only soil and debris.</summary>
    EmptyContainers,

    /// <summary>A seedling tray sown densely with seedlings a dozen pixels across, near the detector's resolution.</summary>
    SeedlingTray,
}

/// <summary>A generated scene: the photo, its kind, the plants drawn and how many containers hold none.</summary>
public sealed record SyntheticScene(SyntheticPhoto Photo, SceneKind Kind, string Palette, int Containers, IReadOnlyList<PixelRect> EmptyContainers);

/// <summary>
/// Generates nursery photos with known plant counts for the accuracy benchmark: beds, crates, plug trays and empty
/// containers on concrete, with touching and partly hidden plants, perspective, soil debris (dry leaves, perlite,
/// stones) and pale, usual and dark plants. The same seed always gives the same scene on the same SkiaSharp build.
/// </summary>
public static class SyntheticNurseryScene
{
    private static readonly (string Name, (SKColor, SKColor, SKColor) Colours)[] Palettes =
    [
        ("green", RosettePainter.Green),
        ("pale", (new SKColor(172, 228, 140), new SKColor(142, 200, 112), new SKColor(112, 166, 90))),
        ("dark", (new SKColor(70, 150, 52), new SKColor(46, 112, 36), new SKColor(30, 82, 28))),
    ];

    public static SyntheticScene Generate(int seed, int width = 2400, int height = 1800)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 600);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 600);
        var random = new Random(seed);
        var kinds = Enum.GetValues<SceneKind>().Length;
        var kind = (SceneKind)(seed % kinds);
        var (paletteName, palette) = Palettes[(seed / kinds) % Palettes.Length];

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Concrete(bitmap, random);
        using var soil = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        SoilPainter.Paint(soil, random);
        using var soilImage = SKImage.FromBitmap(soil);

        var plants = new List<SyntheticPlant>();
        int containers;
        var empty = new List<PixelRect>();
        using (var canvas = new SKCanvas(bitmap))
        {
            switch (kind)
            {
                case SceneKind.Bed:
                    {
                        var bed = SKRectI.Create(width / 20, height / 24, width - (width / 10), height - (height / 12));
                        SoilIn(canvas, soilImage, bed);
                        Debris(canvas, bed, random);
                        plants.AddRange(Place(bed, random.Next(180, 320), 55, random, overlap: 0.18, perspective: 0.35));
                        containers = 1;
                        break;
                    }

                case SceneKind.Boxes:
                case SceneKind.EmptyContainers:
                    {
                        var boxes = Crates(width, height, random);
                        containers = boxes.Count;
                        for (var i = 0; i < boxes.Count; i++)
                        {
                            var inner = Crate(canvas, soilImage, boxes[i]);
                            Debris(canvas, inner, random);
                            if (kind == SceneKind.EmptyContainers && i % 2 == 0)
                            {
                                empty.Add(new PixelRect(boxes[i].Left, boxes[i].Top, boxes[i].Width, boxes[i].Height));
                                continue;
                            }

                            var capacity = inner.Width * inner.Height / (70 * 70);
                            plants.AddRange(Place(inner, random.Next(capacity / 3, capacity / 2), 60, random, overlap: 0.12, perspective: 0));
                        }

                        break;
                    }

                case SceneKind.PlugTray:
                    {
                        containers = 1;
                        plants.AddRange(PlugTray(canvas, soilImage, width, height, random));
                        break;
                    }

                default:
                    {
                        var tray = SKRectI.Create(width / 6, height / 6, width * 2 / 3, height * 2 / 3);
                        var inner = Crate(canvas, soilImage, tray);
                        Debris(canvas, inner, random);
                        plants.AddRange(Place(inner, random.Next(350, 600), 14, random, overlap: 0.1, perspective: 0.2));
                        containers = 1;
                        break;
                    }
            }

            foreach (var plant in plants)
            {
                RosettePainter.Paint(canvas, plant, random, palette);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90) ?? throw new InvalidOperationException("JPEG encoding failed.");
        return new SyntheticScene(new SyntheticPhoto(data.ToArray(), width, height, plants), kind, paletteName, containers, empty);
    }

    private static void Concrete(SKBitmap bitmap, Random random)
    {
        var pixels = bitmap.GetPixelSpan();
        var level = random.Next(118, 150);
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var v = (byte)Math.Clamp(level + random.Next(-9, 10), 0, 255);
            (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (v, v, (byte)Math.Min(255, v + 3), 255);
        }
    }

    private static void SoilIn(SKCanvas canvas, SKImage soil, SKRectI rect)
    {
        canvas.Save();
        canvas.ClipRect(rect);
        canvas.DrawImage(soil, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        canvas.Restore();
    }

    private static List<SKRectI> Crates(int width, int height, Random random)
    {
        var count = random.Next(2, 5);
        var columns = count <= 2 ? 2 : 2;
        var rows = count <= 2 ? 1 : 2;
        var cellW = width / columns;
        var cellH = height / rows;
        var crates = new List<SKRectI>();
        for (var i = 0; i < count; i++)
        {
            var (cx, cy) = (i % columns, i / columns);
            var w = (int)(cellW * (0.62 + (0.25 * random.NextDouble())));
            var h = (int)(cellH * (0.62 + (0.25 * random.NextDouble())));
            var x = (cx * cellW) + random.Next(20, Math.Max(21, cellW - w - 20));
            var y = (cy * cellH) + random.Next(20, Math.Max(21, cellH - h - 20));
            crates.Add(SKRectI.Create(x, y, w, h));
        }

        return crates;
    }

    // A crate: dark plastic rim (reads as a wall, not as soil) around soil; returns the soil rectangle.
    private static SKRectI Crate(SKCanvas canvas, SKImage soil, SKRectI outer)
    {
        using var rim = new SKPaint { Color = new SKColor(38, 38, 42) };
        canvas.DrawRect(outer, rim);
        var inner = SKRectI.Inflate(outer, -14, -14);
        SoilIn(canvas, soil, inner);
        return inner;
    }

    private static IEnumerable<SyntheticPlant> PlugTray(SKCanvas canvas, SKImage soil, int width, int height, Random random)
    {
        var columns = random.Next(10, 15);
        var rows = random.Next(7, 10);
        var cell = Math.Min((width - 200) / columns, (height - 200) / rows);
        var wall = Math.Max(8, cell / 9);
        var tray = SKRectI.Create((width - (columns * cell)) / 2, (height - (rows * cell)) / 2, columns * cell, rows * cell);
        using var black = new SKPaint { Color = new SKColor(22, 22, 24) };
        canvas.DrawRect(SKRectI.Inflate(tray, wall, wall), black);
        var plants = new List<SyntheticPlant>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var cellRect = SKRectI.Create(tray.Left + (c * cell) + (wall / 2), tray.Top + (r * cell) + (wall / 2), cell - wall, cell - wall);
                SoilIn(canvas, soil, cellRect);
                if (random.NextDouble() < 0.85)
                {
                    var d = (float)(cell * (0.62 + (0.18 * random.NextDouble())));
                    plants.Add(new SyntheticPlant(cellRect.MidX + random.Next(-3, 4), cellRect.MidY + random.Next(-3, 4), d));
                }
            }
        }

        return plants;
    }

    // Dry leaves (yellow-brown ellipses), perlite (white grains) and dark stones on the soil.
    private static void Debris(SKCanvas canvas, SKRectI area, Random random)
    {
        using var paint = new SKPaint { IsAntialias = true };
        var pieces = (area.Width * area.Height / 40_000) + 3;
        for (var i = 0; i < pieces; i++)
        {
            var x = area.Left + (random.NextSingle() * area.Width);
            var y = area.Top + (random.NextSingle() * area.Height);
            switch (random.Next(3))
            {
                case 0:
                    paint.Color = new SKColor((byte)random.Next(150, 185), (byte)random.Next(115, 140), (byte)random.Next(55, 80));
                    canvas.Save();
                    canvas.RotateDegrees(random.Next(180), x, y);
                    canvas.DrawOval(x, y, 6 + (random.NextSingle() * 10), 3 + (random.NextSingle() * 4), paint);
                    canvas.Restore();
                    break;
                case 1:
                    paint.Color = new SKColor(236, 234, 228);
                    canvas.DrawCircle(x, y, 1.5f + (random.NextSingle() * 2.5f), paint);
                    break;
                default:
                    var v = (byte)random.Next(50, 80);
                    paint.Color = new SKColor(v, v, v);
                    canvas.DrawOval(x, y, 4 + (random.NextSingle() * 7), 3 + (random.NextSingle() * 5), paint);
                    break;
            }
        }
    }

    /// <summary>
    /// Plants in <paramref name="area"/>: diameters grow from (1 − perspective) at the top to (1 + perspective) at the
    /// bottom; two plants may overlap by up to <paramref name="overlap"/> of their radii summed (partly hidden).
    /// </summary>
    private static List<SyntheticPlant> Place(SKRectI area, int count, double diameter, Random random, double overlap, double perspective)
    {
        var placed = new List<SyntheticPlant>(count);
        for (var attempt = 0; attempt < count * 400 && placed.Count < count; attempt++)
        {
            var y = area.Top + (random.NextDouble() * area.Height);
            var depth = (y - area.Top) / area.Height;
            var d = diameter * (1 - perspective + (2 * perspective * depth)) * (0.85 + (0.3 * random.NextDouble()));
            var r = d / 2;
            var x = area.Left + r + (random.NextDouble() * (area.Width - d));
            if (y - r < area.Top || y + r > area.Bottom)
            {
                continue;
            }

            var free = placed.All(p =>
            {
                var min = (r + (p.DiameterPx / 2)) * (1 - overlap);
                return ((p.X - x) * (p.X - x)) + ((p.Y - y) * (p.Y - y)) >= min * min;
            });
            if (free)
            {
                placed.Add(new SyntheticPlant((float)x, (float)y, (float)d));
            }
        }

        return placed;
    }
}
