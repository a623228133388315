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
        using var areas = EstimatedAreas(estimates, photo.Width, photo.Height);
        return RenderPng(background, photo.Width, photo.Height, detections, estimated, areas, containers);
    }

    /// <summary>The photo scaled to the overlay's size (at most <see cref="MaxSidePx"/> on its longer side).</summary>
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

    /// <summary>
    /// The overlay as PNG over a <see cref="Background"/> of a photo of <paramref name="photoWidth"/> × <paramref name="photoHeight"/>,
    /// with the estimated areas of <see cref="EstimatedAreas"/> (null: none).
    /// </summary>
    public static byte[] RenderPng(
        SKBitmap background, int photoWidth, int photoHeight, IReadOnlyList<Detection> detections, int estimated, SKBitmap? areas, IReadOnlyList<PixelRect>? containers = null)
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

        if (areas is not null)
        {
            using var tint = Tint(areas, width, height);
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

    /// <summary>
    /// Where any container's processed residual has a pixel, at overlay size: a Gray8 mask (255 = estimated), small as
    /// PNG (<see cref="EncodeAreas"/>), so the overlay can be drawn later from the photo without counting it again.
    /// Null when nothing was estimated.
    /// </summary>
    public static SKBitmap? EstimatedAreas(IReadOnlyList<ContainerEstimate>? estimates, int photoWidth, int photoHeight)
    {
        if (estimates is not { Count: > 0 })
        {
            return null;
        }

        var scale = Scale(photoWidth, photoHeight);
        var (width, height) = (Math.Max(1, (int)(photoWidth * scale)), Math.Max(1, (int)(photoHeight * scale)));
        var mask = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        mask.Erase(SKColors.Black);
        var bytes = mask.GetPixelSpan();
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
                        bytes[(y * mask.RowBytes) + x] = 255;
                    }
                }
            }
        }

        return mask;
    }

    /// <summary>An estimated-areas mask as PNG (mostly black: a few kilobytes).</summary>
    public static byte[] EncodeAreas(SKBitmap areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        using var pixmap = areas.PeekPixels();
        using var png = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, zLibLevel: 1))
            ?? throw new InvalidOperationException("The estimated areas could not be encoded as PNG.");
        return png.ToArray();
    }

    /// <summary>A mask written by <see cref="EncodeAreas"/>, back as Gray8.</summary>
    public static SKBitmap DecodeAreas(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data) ?? throw new InvalidOperationException("The estimated areas are not a readable PNG.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        var mask = new SKBitmap(info);
        if (codec.GetPixels(info, mask.GetPixels()) != SKCodecResult.Success)
        {
            mask.Dispose();
            throw new InvalidOperationException("The estimated areas PNG could not be decoded.");
        }

        return mask;
    }

    /// <summary>Opaque blue where the mask is set, transparent elsewhere.</summary>
    private static SKBitmap Tint(SKBitmap areas, int width, int height)
    {
        var tint = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        tint.Erase(SKColors.Transparent);
        var to = tint.GetPixelSpan();
        var from = areas.GetPixelSpan();
        for (var y = 0; y < Math.Min(height, areas.Height); y++)
        {
            for (var x = 0; x < Math.Min(width, areas.Width); x++)
            {
                if (from[(y * areas.RowBytes) + x] != 0)
                {
                    var p = (y * tint.RowBytes) + (x * 4);
                    (to[p], to[p + 1], to[p + 2], to[p + 3]) = (0, 0, 255, 255);
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
