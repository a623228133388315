using SkiaSharp;

namespace Demeter.Inference.Synthetic;

/// <summary>
/// Draws a plant as a rosette of oval leaves. Every leaf shares one radial gradient centred on the plant, so
/// green brightness falls monotonically from the centre outwards, as in a succulent seen from above.
/// </summary>
internal static class RosettePainter
{
    public static void Paint(SKCanvas canvas, SyntheticPlant plant, Random random)
    {
        var r = plant.DiameterPx / 2;
        var (dr, dg, db) = (random.Next(-10, 11), random.Next(-10, 11), random.Next(-8, 9));
        SKColor[] colours =
        [
            Rgb(115 + dr, 212 + dg, 80 + db),
            Rgb(78 + dr, 168 + dg, 56 + db),
            Rgb(48 + dr, 122 + dg, 40 + db),
        ];
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
