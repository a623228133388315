namespace Demeter.Domain.Photos.Vision;

/// <summary>
/// A uniform grid over boxes for finding the ones that may intersect a given box. Cells are about as wide as the
/// median box, so a box meets its neighbours in a few cells; the grid never exceeds about a million cells, whatever
/// the spread of the boxes. Boxes with a coordinate that is not a finite number intersect nothing and are left out.
/// </summary>
internal sealed class BoxGrid
{
    private const int MaxCellsPerSide = 1024;

    private readonly Dictionary<int, List<int>> _cells = [];
    private readonly float _cellSize = 1;
    private readonly float _originX;
    private readonly float _originY;

    public BoxGrid(IReadOnlyList<Detection> boxes)
    {
        var finite = new List<int>(boxes.Count);
        for (var i = 0; i < boxes.Count; i++)
        {
            if (IsFinite(boxes[i]))
            {
                finite.Add(i);
            }
        }

        if (finite.Count == 0)
        {
            return;
        }

        var sides = finite.ConvertAll(i => Math.Max(boxes[i].Width, boxes[i].Height));
        sides.Sort();
        _originX = finite.Min(i => Math.Min(boxes[i].X1, boxes[i].X2));
        _originY = finite.Min(i => Math.Min(boxes[i].Y1, boxes[i].Y2));
        var extent = Math.Max(finite.Max(i => Math.Max(boxes[i].X1, boxes[i].X2)) - _originX, finite.Max(i => Math.Max(boxes[i].Y1, boxes[i].Y2)) - _originY);
        _cellSize = Math.Max(Math.Max(1f, sides[sides.Count / 2]), extent / (MaxCellsPerSide - 1));
        foreach (var i in finite)
        {
            var (x1, y1, x2, y2) = Range(boxes[i]);
            for (var y = y1; y <= y2; y++)
            {
                for (var x = x1; x <= x2; x++)
                {
                    var key = (y * MaxCellsPerSide) + x;
                    if (!_cells.TryGetValue(key, out var cell))
                    {
                        _cells[key] = cell = [];
                    }

                    cell.Add(i);
                }
            }
        }
    }

    /// <summary>Fills <paramref name="into"/> with the boxes sharing a cell with <paramref name="box"/> (a box in several cells comes more than once).</summary>
    public void Near(Detection box, List<int> into)
    {
        into.Clear();
        if (!IsFinite(box))
        {
            return;
        }

        var (x1, y1, x2, y2) = Range(box);
        for (var y = y1; y <= y2; y++)
        {
            for (var x = x1; x <= x2; x++)
            {
                if (_cells.TryGetValue((y * MaxCellsPerSide) + x, out var cell))
                {
                    into.AddRange(cell);
                }
            }
        }
    }

    private static bool IsFinite(Detection d) => float.IsFinite(d.X1) && float.IsFinite(d.Y1) && float.IsFinite(d.X2) && float.IsFinite(d.Y2);

    private (int X1, int Y1, int X2, int Y2) Range(Detection d) =>
        (Cell(Math.Min(d.X1, d.X2), _originX), Cell(Math.Min(d.Y1, d.Y2), _originY), Cell(Math.Max(d.X1, d.X2), _originX), Cell(Math.Max(d.Y1, d.Y2), _originY));

    private int Cell(float coordinate, float origin) => Math.Clamp((int)((coordinate - origin) / _cellSize), 0, MaxCellsPerSide - 1);
}
