using Demeter.Cluster.Hosting;
using Demeter.Cluster.Inference;
using Demeter.Cluster.Photos;

namespace Demeter.Cluster.Tests.Hosting;

/// <summary>The node hosts take the SAHI tiling like --model and --device: flag over environment over cluster.hocon.</summary>
public sealed class TileSettingsTests
{
    private static readonly Akka.Configuration.Config File = ClusterConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, ClusterConfig.FileName));

    [Fact]
    public void Cluster_hocon_tiles_512_px_overlapping_a_quarter_unless_a_node_says_otherwise()
    {
        var photos = Photos([], _ => null);

        Assert.Equal((512, 0.25), (photos.TileSizePx, photos.TileOverlap));
    }

    [Fact]
    public void Flags_win_over_the_environment_which_wins_over_cluster_hocon()
    {
        var environment = new Dictionary<string, string> { ["DEMETER_TILE_SIZE"] = "800", ["DEMETER_TILE_OVERLAP"] = "0.3" };

        var fromEnvironment = Photos([], environment.GetValueOrDefault);
        var fromFlags = Photos(["--tile-size", "640", "--tile-overlap", "0.2"], environment.GetValueOrDefault);

        Assert.Equal((800, 0.3), (fromEnvironment.TileSizePx, fromEnvironment.TileOverlap));
        Assert.Equal((640, 0.2), (fromFlags.TileSizePx, fromFlags.TileOverlap));
    }

    [Theory]
    [InlineData("--tile-size", "31")]
    [InlineData("--tile-size", "2049")]
    [InlineData("--tile-size", "5e2")]
    [InlineData("--tile-overlap", "-0.1")]
    [InlineData("--tile-overlap", "1")]
    [InlineData("--tile-overlap", "NaN")]
    public void Out_of_range_tiling_is_refused_with_the_range(string flag, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => NodeSettings.Resolve([flag, value], _ => null, hocon: File));

        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(flag == "--tile-size" ? "32 to 2048" : "from 0 up to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inference_settings_default_to_the_device_and_refuse_nonsense()
    {
        Assert.Equal(new InferenceSettings(0, 0, 0, 256), InferenceSettings.From(File));
        Assert.Throws<Akka.Configuration.ConfigurationException>(() => InferenceSettings.From(
            Akka.Configuration.ConfigurationFactory.ParseString("demeter.inference.max-batch = -1").WithFallback(File)));
    }

    private static PhotoProcessingSettings Photos(string[] args, Func<string, string?> environment) =>
        PhotoProcessingSettings.For(File, NodeSettings.Resolve(args, environment, hocon: File));
}
