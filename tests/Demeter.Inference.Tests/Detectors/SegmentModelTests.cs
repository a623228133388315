using Demeter.Inference.Detectors;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Detectors;

/// <summary>Models in the exact exported layouts, run through ONNX Runtime: what is read, decoded and masked.</summary>
public class SegmentModelTests
{
    private const int Classes = 80;
    private const int MaskChannels = 32;
    private const int Grid = 160;

    [Fact]
    public void A_segment_export_decodes_boxes_of_its_real_classes_and_their_masks_in_the_source_frame()
    {
        // Prototype 0 is "on" over grid cells x 40..79, y 80..119: model-input pixels x 160..320, y 320..480.
        var prototypes = new float[MaskChannels * Grid * Grid];
        for (var y = 0; y < Grid; y++)
        {
            for (var x = 0; x < Grid; x++)
            {
                prototypes[(y * Grid) + x] = x is >= 40 and < 80 && y is >= 80 and < 120 ? 10f : -10f;
            }
        }

        // Candidate 0: a person box over input 140..340 × 300..500 whose mask is prototype 0. Candidate 1: class
        // scores all low but coefficients high (read as classes, they would score 9). Candidate 2: class 5 at 0.6,
        // its mask prototype 0 negated.
        var rows = new float[3][];
        rows[0] = Row(cx: 240, cy: 400, w: 200, h: 200, classId: 0, score: 0.9f, coefficient0: 1f);
        rows[1] = Row(cx: 500, cy: 300, w: 50, h: 50, classId: 3, score: 0.1f, coefficient0: 9f);
        Array.Fill(rows[1], 9f, 4 + Classes, MaskChannels);
        rows[2] = Row(cx: 560, cy: 400, w: 40, h: 40, classId: 5, score: 0.6f, coefficient0: -1f);
        var (head, headShape) = FixedOutputModel.ChannelsFirst(rows);
        using var detector = new YoloDetector(FixedOutputModel.BuildSegment(
            head, headShape, prototypes, [1, MaskChannels, Grid, Grid], FixedOutputModel.UltralyticsMetadata("segment", Classes)),
            new YoloDetectorOptions { Masks = true });

        // 1280×640 source: letterbox scale 0.5, 160 px of padding above and below.
        using var image = Bitmaps.Filled(1280, 640, SKColors.White);
        var result = detector.Detect(image);

        Assert.Equal((ModelTask.Segment, Classes), (detector.Contract.Task, detector.Contract.ClassCount));
        Assert.Equal(["person", "thing5"], result.Detections.Select(d => d.Label));
        var person = result.Detections[0];
        Assert.Equal((280f, 280f, 680f, 640f), (person.X1, person.Y1, person.X2, person.Y2));
        var mask = result.Masks![0];
        Assert.Equal(new Demeter.Domain.Photos.Vision.PixelRect(280, 280, 400, 360), mask.Bounds);

        // The square is source x 320..640, y 320..640: inside it on, around it off, its edge within a pixel or two.
        Assert.InRange(mask.Area, 320 * 318, 320 * 322);
        Assert.True(mask.Contains(330, 330) && mask.Contains(630, 630) && mask.Contains(480, 500));
        Assert.False(mask.Contains(300, 300) || mask.Contains(650, 400) || mask.Contains(400, 300));
        // Prototype 0 negated is on outside the square, where the second box lies: its whole 80×80 box.
        Assert.Equal(80 * 80, result.Masks[1].Area);
    }

    [Fact]
    public void A_whole_image_pass_keeps_two_overlapping_objects_that_NMS_keeps()
    {
        // IoU 0.32 (NMS at 0.45 keeps both) but the smaller is 62 % inside the larger: a tile merge would fuse them.
        var (data, shape) = FixedOutputModel.ChannelsFirst(
        [
            [200, 200, 200, 200, 0.9f, 0f],
            [280, 220, 160, 160, 0.8f, 0f],
        ]);
        using var detector = new YoloDetector(FixedOutputModel.Build(data, shape));
        using var image = Bitmaps.Filled(640, 640, SKColors.White);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);

        var count = new PhotoCounter(detector, new WholePhotoSegmenter()).Count(encoded.ToArray(), new PhotoCountOptions { WholeImage = true });

        Assert.Equal(2, count.Detected);
        Assert.Equal([(100f, 100f, 300f, 300f), (200f, 140f, 360f, 300f)], count.Detections.Select(d => (d.X1, d.Y1, d.X2, d.Y2)));
    }

    private static float[] Row(float cx, float cy, float w, float h, int classId, float score, float coefficient0)
    {
        var row = new float[4 + Classes + MaskChannels];
        (row[0], row[1], row[2], row[3]) = (cx, cy, w, h);
        row[4 + classId] = score;
        row[4 + Classes] = coefficient0;
        return row;
    }
}
