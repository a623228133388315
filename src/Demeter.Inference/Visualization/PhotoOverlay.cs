using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Estimation;
using SkiaSharp;

namespace Demeter.Inference.Visualization;

/// <summary>
/// The annotated picture of a counted photo: each container's box outlined in yellow, the pixels taken as undetected
/// plants tinted blue at 20 %, each detection a filled cyan disc (diameter 75 % of the box's shorter side) blended at
/// 30 % over the photo, and a legend with the detected and estimated counts and the mean
/// confidence. The text uses DejaVu Sans Bold, shipped with the assembly, so it looks the same on every node
/// whatever fonts the machine has. Photos are drawn at most <see cref="MaxSidePx"/> on their longer side: the
/// overlay is for people, and a full 50 MP PNG would take seconds and tens of megabytes.
/// </summary>
public static class PhotoOverlay
{
    public const int MaxSidePx = 2048;

    private static readonly Lazy<SKTypeface> Font = new(() =>
    {
        using var stream = typeof(PhotoOverlay).Assembly.GetManifestResourceStream("Demeter.Inference.Visualization.Fonts.DejaVuSans-Bold.ttf")
            ?? throw new InvalidOperationException("The overlay font is not embedded in Demeter.Inference.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The embedded overlay font cannot be read.");
    });

    /// <summary>The overlay as PNG; detections, estimated areas and container boxes are in <paramref name="photo"/>'s pixel frame.</summary>
    public static byte[] RenderPng(
        SKBitmap photo, IReadOnlyList<Detection> detections, int estimated, IReadOnlyList<ContainerEstimate>? estimates = null, IReadOnlyList<PixelRect>? containers = null)
    {
        using var background = Background(photo);
        return RenderPng(background, photo.Width, photo.Height, detections, estimated, estimates, containers);
    }

    /// <summary>
    /// The photo scaled to the overlay's size: it needs nothing of the count, so the cluster draws it while the photo
    /// is still being segmented and counted.
    /// </summary>
    public static SKBitmap Background(SKBitmap photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var scale = Scale(photo.Width, photo.Height);
        var (width, height) = (Math.Max(1, (int)(photo.Width * scale)), Math.Max(1, (int)(photo.Height * scale)));
        var background = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(background);
        using var image = SKImage.FromBitmap(photo);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        return background;
    }

    /// <summary>The overlay as PNG over a <see cref="Background"/> of a photo of <paramref name="photoWidth"/> × <paramref name="photoHeight"/>.</summary>
    public static byte[] RenderPng(
        SKBitmap background, int photoWidth, int photoHeight, IReadOnlyList<Detection> detections, int estimated, IReadOnlyList<ContainerEstimate>? estimates = null,
        IReadOnlyList<PixelRect>? containers = null)
    {
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(detections);
        var scale = Scale(photoWidth, photoHeight);
        var (width, height) = (background.Width, background.Height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Could not create a {width}×{height} surface for the overlay.");
        var canvas = surface.Canvas;
        using (var image = SKImage.FromBitmap(background))
        {
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        if (estimates is { Count: > 0 })
        {
            using var tint = EstimatedAreas(estimates, width, height, scale);
            using var tintImage = SKImage.FromBitmap(tint);
            using var blend = new SKPaint { Color = SKColors.White.WithAlpha(51) };
            canvas.DrawImage(tintImage, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), blend);
        }

        if (containers is { Count: > 0 })
        {
            using var outline = new SKPaint { Color = SKColors.Yellow, Style = SKPaintStyle.Stroke, StrokeWidth = 3, IsAntialias = true };
            foreach (var c in containers)
            {
                canvas.DrawRect(new SKRect(c.X * scale, c.Y * scale, c.Right * scale, c.Bottom * scale), outline);
            }
        }

        // Discs drawn opaque on a layer that is blended at 30 %, so overlapping discs do not darken each other.
        using (var layer = new SKPaint { Color = SKColors.White.WithAlpha(77) })
        {
            canvas.SaveLayer(layer);
            using var disc = new SKPaint { Color = SKColors.Cyan, IsAntialias = true };
            foreach (var d in detections)
            {
                var (cx, cy) = d.Center;
                canvas.DrawCircle(cx * scale, cy * scale, Math.Min(d.Width, d.Height) * 0.75f / 2f * scale, disc);
            }

            canvas.Restore();
        }

        DrawLegend(canvas, detections, estimated);
        // Fast deflate: the default level takes several times longer for a few per cent of size. The picture has no
        // transparency, so it is written as RGB: a quarter fewer bytes to filter and compress than RGBA.
        using var pixmap = surface.PeekPixels();
        using var opaque = new SKPixmap(pixmap.Info.WithAlphaType(SKAlphaType.Opaque), pixmap.GetPixels(), pixmap.RowBytes);
        using var png = opaque.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, zLibLevel: 1))
            ?? throw new InvalidOperationException("The overlay could not be encoded as PNG.");
        return png.ToArray();
    }

    private static float Scale(int width, int height) => Math.Min(1f, MaxSidePx / (float)Math.Max(width, height));

    /// <summary>Blue where any container's processed residual has a pixel, transparent elsewhere, at overlay size.</summary>
    private static SKBitmap EstimatedAreas(IReadOnlyList<ContainerEstimate> estimates, int width, int height, float scale)
    {
        var tint = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        tint.Erase(SKColors.Transparent);
        var bytes = tint.GetPixelSpan();
        foreach (var e in estimates)
        {
            var (x1, y1) = ((int)(e.Crop.X * scale), (int)(e.Crop.Y * scale));
            var (x2, y2) = (Math.Min(width, (int)Math.Ceiling(e.Crop.Right * scale)), Math.Min(height, (int)Math.Ceiling(e.Crop.Bottom * scale)));
            for (var y = y1; y < y2; y++)
            {
                var sy = Math.Clamp((int)(((y + 0.5f) / scale) - e.Crop.Y), 0, e.Crop.Height - 1);
                for (var x = x1; x < x2; x++)
                {
                    var sx = Math.Clamp((int)(((x + 0.5f) / scale) - e.Crop.X), 0, e.Crop.Width - 1);
                    if (e.Processed[(sy * e.Crop.Width) + sx])
                    {
                        var p = (y * tint.RowBytes) + (x * 4);
                        (bytes[p], bytes[p + 1], bytes[p + 2], bytes[p + 3]) = (0, 0, 255, 255);
                    }
                }
            }
        }

        return tint;
    }

    private static void DrawLegend(SKCanvas canvas, IReadOnlyList<Detection> detections, int estimated)
    {
        using var box = new SKPaint { Color = SKColors.Black };
        canvas.DrawRect(new SKRect(5, 5, 400, 100), box);
        using var font = new SKFont(Font.Value, 22);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        var confidence = detections.Count == 0 ? 0 : detections.Average(d => d.Score) * 100;
        canvas.DrawText($"Detected: {detections.Count}", 15, 35, SKTextAlign.Left, font, text);
        canvas.DrawText($"Estimated: {estimated}", 15, 63, SKTextAlign.Left, font, text);
        canvas.DrawText($"Confidence: {confidence:0}%", 15, 91, SKTextAlign.Left, font, text);
    }
}
