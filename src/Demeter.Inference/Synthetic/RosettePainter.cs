using SkiaSharp;

namespace Demeter.Inference.Synthetic;

/// <summary>
/// Draws a plant as a rosette of oval leaves. Every leaf shares one radial gradient centred on the plant, so
/// green brightness falls monotonically from the centre outwards, as in a succulent seen from above.
/// </summary>
internal static class RosettePainter
{
    /// <summary>Centre, middle and rim colours of the usual bright green rosette.</summary>
    public static readonly (SKColor Centre, SKColor Middle, SKColor Rim) Green = (new(115, 212, 80), new(78, 168, 56), new(48, 122, 40));

    public static void Paint(SKCanvas canvas, SyntheticPlant plant, Random random) => Paint(canvas, plant, random, Green);

    public static void Paint(SKCanvas canvas, SyntheticPlant plant, Random random, (SKColor Centre, SKColor Middle, SKColor Rim) palette)
    {
        var r = plant.DiameterPx / 2;
        var (dr, dg, db) = (random.Next(-10, 11), random.Next(-10, 11), random.Next(-8, 9));
        SKColor Vary(SKColor c) => Rgb(c.Red + dr, c.Green + dg, c.Blue + db);
        SKColor[] colours = [Vary(palette.Centre), Vary(palette.Middle), Vary(palette.Rim)];
        using var shader = SKShader.CreateRadialGradient(new SKPoint(plant.X, plant.Y), r, colours, [0f, 0.45f, 1f], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { IsAntialias = true, Shader = shader };

        var leaves = random.Next(9, 14);
        var start = random.NextSingle() * 360f;
        var step = 360f / leaves;
        for (var i = 0; i < leaves; i++)
        {
            Leaf(canvas, plant, start + (i * step), r * 0.08f, r, r * 0.22f, paint);
        }

        for (var i = 0; i < leaves; i++)
        {
            Leaf(canvas, plant, start + ((i + 0.5f) * step), r * 0.05f, r * 0.72f, r * 0.2f, paint);
        }

        canvas.DrawCircle(plant.X, plant.Y, r * 0.3f, paint);
    }

    private static void Leaf(SKCanvas canvas, SyntheticPlant plant, float angleDegrees, float inner, float outer, float halfWidth, SKPaint paint)
    {
        canvas.Save();
        canvas.RotateDegrees(angleDegrees, plant.X, plant.Y);
        canvas.DrawOval(new SKRect(plant.X + inner, plant.Y - halfWidth, plant.X + outer, plant.Y + halfWidth), paint);
        canvas.Restore();
    }

    private static SKColor Rgb(int r, int g, int b) => new((byte)Math.Clamp(r, 0, 255), (byte)Math.Clamp(g, 0, 255), (byte)Math.Clamp(b, 0, 255));
}
