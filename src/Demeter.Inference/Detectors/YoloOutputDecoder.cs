using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Detectors;

/// <summary>A decoded candidate box and its position in the head, where its mask coefficients are read.</summary>
public sealed record Candidate(Detection Detection, int Index);

/// <summary>
/// Reads a YOLOv8/11 head: (1, 4+nc+nm, N) as exported, or the transposed (1, N, 4+nc+nm). Each candidate is cx,
/// cy, w, h in model-input pixels, then nc class scores (already sigmoid-ed, no objectness), then nm mask
/// coefficients for a segment model (nm = 0 for detect). Only the nc scores compete for the class: the
/// coefficients are unbounded and would otherwise read as classes scoring above 1. The layout is told apart by
/// the axis that equals 4+nc+nm, else by which axis is shorter (real heads have N in the thousands).
/// </summary>
public static class YoloOutputDecoder
{
    /// <summary>Candidates whose best class score reaches the threshold, as corner boxes in model-input pixels.</summary>
    public static List<Candidate> Decode(
        ReadOnlySpan<float> data, ReadOnlySpan<long> shape, float confidenceThreshold, IReadOnlyList<string> labels, int classCount, int maskChannels = 0)
    {
        var head = Layout(data.Length, shape, classCount, maskChannels);
        var result = new List<Candidate>();
        for (var i = 0; i < head.Count; i++)
        {
            var baseIndex = i * head.CandidateStride;
            var bestClass = 0;
            var bestScore = float.NegativeInfinity;
            for (var k = 0; k < classCount; k++)
            {
                var s = data[baseIndex + ((4 + k) * head.AttributeStride)];
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
            var cy = data[baseIndex + head.AttributeStride];
            var halfW = data[baseIndex + (2 * head.AttributeStride)] / 2f;
            var halfH = data[baseIndex + (3 * head.AttributeStride)] / 2f;
            result.Add(new Candidate(new Detection(cx - halfW, cy - halfH, cx + halfW, cy + halfH, bestScore, bestClass, LabelOf(labels, bestClass)), i));
        }

        return result;
    }

    /// <summary>The nm mask coefficients of candidate <paramref name="index"/> into <paramref name="into"/>.</summary>
    public static void Coefficients(ReadOnlySpan<float> data, ReadOnlySpan<long> shape, int classCount, int index, Span<float> into)
    {
        var head = Layout(data.Length, shape, classCount, into.Length);
        var first = (index * head.CandidateStride) + ((4 + classCount) * head.AttributeStride);
        for (var k = 0; k < into.Length; k++)
        {
            into[k] = data[first + (k * head.AttributeStride)];
        }
    }

    public static string LabelOf(IReadOnlyList<string> labels, int classId) =>
        classId >= 0 && classId < labels.Count ? labels[classId] : $"class{classId}";

    private static (int Count, int AttributeStride, int CandidateStride) Layout(int length, ReadOnlySpan<long> shape, int classCount, int maskChannels)
    {
        if (shape.Length != 3 || shape[0] != 1)
        {
            throw new InvalidModelException($"Expected a (1, 4+nc, N) detection output, got ({string.Join(", ", shape.ToArray())}).");
        }

        var attributes = 4 + classCount + maskChannels;
        var channelsFirst = shape[1] == attributes && shape[2] != attributes ? true
            : shape[2] == attributes && shape[1] != attributes ? false
            : shape[1] <= shape[2];
        var declared = channelsFirst ? shape[1] : shape[2];
        var count = channelsFirst ? shape[2] : shape[1];
        if (classCount < 1 || declared != attributes || declared * count != length)
        {
            throw new InvalidModelException(
                $"Output ({string.Join(", ", shape.ToArray())}) is not a head of 4 box values + {classCount} classes" +
                (maskChannels > 0 ? $" + {maskChannels} mask coefficients" : string.Empty) + $" per candidate over {length} values.");
        }

        // Element (candidate i, attribute a) lives at a·N + i channels-first, or i·A + a transposed.
        return ((int)count, channelsFirst ? (int)count : 1, channelsFirst ? 1 : attributes);
    }
}
