using System.Diagnostics;
using Demeter.Domain.Layout;
using Xunit.Abstractions;

namespace Demeter.Domain.Tests.Layout;

public sealed class LayoutParserRealDataTests(ITestOutputHelper output)
{
    [Fact]
    public void All_real_naves_canteros_and_claros_import()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = RealNurseryData.Parse();
        output.WriteLine($"parse of the real files: {stopwatch.ElapsedMilliseconds} ms");

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(28, result.Document.Warehouses.Count);
        Assert.Equal(56, result.Document.StorageAreas.Count);
        Assert.Equal(1290, result.Document.StorageLocations.Count);
    }
}
