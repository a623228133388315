using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Detectors;

/// <summary>
/// Reads a YOLOv8/11 detection tensor: (1, 4+nc, N) as exported, or the transposed (1, N, 4+nc). Each
/// candidate is cx, cy, w, h in model-input pixels followed by nc class scores (already sigmoid-ed, no
/// objectness). The layout is told apart by the axis that equals 4 + nc when the class count is known (from
/// the model's "names"), else by which axis is shorter: real models have N in the thousands.
/// </summary>
public static class YoloOutputDecoder
{
    /// <summary>Candidates whose best class score reaches the threshold, as corner boxes in model-input pixels.</summary>
    public static List<Detection> Decode(ReadOnlySpan<float> data, ReadOnlySpan<long> shape, float confidenceThreshold, IReadOnlyList<string> labels, int? classCount = null)
    {
        if (shape.Length != 3 || shape[0] != 1)
        {
            throw new ArgumentException($"Expected a (1, 4+nc, N) detection output, got ({string.Join(", ", shape.ToArray())}).", nameof(shape));
        }

        var channelsFirst = IsChannelsFirst(shape[1], shape[2], classCount);
        var attributes = (int)(channelsFirst ? shape[1] : shape[2]);
        var count = (int)(channelsFirst ? shape[2] : shape[1]);
        var classes = attributes - 4;
        if (classes < 1 || (long)attributes * count != data.Length)
        {
            throw new ArgumentException($"Output shape ({string.Join(", ", shape.ToArray())}) is not a YOLO detection head over {data.Length} values.", nameof(shape));
        }

        // Element (candidate i, attribute a) lives at a·N + i channels-first, or i·A + a transposed.
        var attributeStride = channelsFirst ? count : 1;
        var candidateStride = channelsFirst ? 1 : attributes;
        var result = new List<Detection>();
        for (var i = 0; i < count; i++)
        {
            var baseIndex = i * candidateStride;
            var bestClass = 0;
            var bestScore = float.NegativeInfinity;
            for (var k = 0; k < classes; k++)
            {
                var s = data[baseIndex + ((4 + k) * attributeStride)];
                if (s > bestScore)
                {
                    bestScore = s;
                    bestClass = k;
                }
            }

            if (!(bestScore >= confidenceThreshold))
            {
                continue;
            }

            var cx = data[baseIndex];
            var cy = data[baseIndex + attributeStride];
            var halfW = data[baseIndex + (2 * attributeStride)] / 2f;
            var halfH = data[baseIndex + (3 * attributeStride)] / 2f;
            result.Add(new Detection(cx - halfW, cy - halfH, cx + halfW, cy + halfH, bestScore, bestClass, LabelOf(labels, bestClass)));
        }

        return result;
    }

    private static bool IsChannelsFirst(long second, long third, int? classCount)
    {
        if (classCount is > 0 and var nc)
        {
            if (second == 4 + nc && third != 4 + nc)
            {
                return true;
            }

            if (third == 4 + nc && second != 4 + nc)
            {
                return false;
            }
        }

        return second <= third;
    }

    public static string LabelOf(IReadOnlyList<string> labels, int classId) =>
        classId >= 0 && classId < labels.Count ? labels[classId] : $"class{classId}";
}
