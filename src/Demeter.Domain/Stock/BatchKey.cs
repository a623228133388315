using System.Globalization;

namespace Demeter.Domain.Stock;

/// <summary>
/// The grouping key of a batch: one homogeneous lot of one product, state, size and packaging in one
/// storage bin of one claro. Every plant is in exactly one active batch, and a claro holds at most one
/// active batch per key. <see cref="ProductName"/> names a product that has no catalog id yet (an imported
/// sowing row, say); it is part of the key only when <see cref="ProductId"/> is absent.
/// </summary>
public sealed record BatchKey(
    int StorageLocationId,
    Guid BinId,
    int? ProductId,
    string? ProductName,
    int? ProductStateId,
    int? ProductSizeId,
    int? PackagingId)
{
    /// <summary>A stable text form, used for fingerprints and logs.</summary>
    public string Canonical => string.Join(
        '|',
        StorageLocationId.ToString(CultureInfo.InvariantCulture),
        BinId.ToString("N"),
        ProductId?.ToString(CultureInfo.InvariantCulture) ?? "-",
        ProductId is null ? ProductName ?? "-" : "-",
        ProductStateId?.ToString(CultureInfo.InvariantCulture) ?? "-",
        ProductSizeId?.ToString(CultureInfo.InvariantCulture) ?? "-",
        PackagingId?.ToString(CultureInfo.InvariantCulture) ?? "-");

    /// <summary>Same lot: the product is compared by id when there is one, else by name.</summary>
    public bool SameLotAs(BatchKey other) => Canonical == other.Canonical;

    /// <summary>Whether this batch holds the given product (by id, or by name when neither side has an id).</summary>
    public bool HoldsProduct(int? productId, string? productName) =>
        productId is not null ? ProductId == productId : ProductId is null && ProductName == productName;
}

/// <summary>What a batch is: its key and its business code (LOC{loc}-PROD{prod}-{yyyyMMdd}-{seq:000}).</summary>
public sealed record BatchIdentity(BatchKey Key, string Code);
