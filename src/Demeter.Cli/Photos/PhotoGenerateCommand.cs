using System.CommandLine;
using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;

namespace Demeter.Cli.Photos;

/// <summary>`demeter photo generate OUT.jpg`: a synthetic tray photo with a known plant count (for trials and benchmarks).</summary>
public static class PhotoGenerateCommand
{
    public static Command Create()
    {
        var output = new Argument<FileInfo>("output") { Description = "Where to write the JPEG" };
        var plants = new Option<int>("--plants") { Description = "Number of plants", DefaultValueFactory = _ => 120 };
        var width = new Option<int>("--width") { DefaultValueFactory = _ => 4000 };
        var height = new Option<int>("--height") { DefaultValueFactory = _ => 3000 };
        var diameter = new Option<double>("--diameter") { Description = "Mean plant diameter in pixels", DefaultValueFactory = _ => 80 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var lat = new Option<double?>("--lat") { Description = "GPS latitude to write into EXIF" };
        var lon = new Option<double?>("--lon") { Description = "GPS longitude to write into EXIF" };
        var generate = new Command("generate", "Write a synthetic tray photo with a known number of plants") { output, plants, width, height, diameter, seed, lat, lon };
        generate.SetAction(parse =>
        {
            GpsCoordinate? gps = parse.GetValue(lat) is { } la && parse.GetValue(lon) is { } lo ? new GpsCoordinate(la, lo) : null;
            var photo = SyntheticTrayPhoto.Generate(
                parse.GetValue(width), parse.GetValue(height), parse.GetValue(plants), parse.GetValue(seed), parse.GetValue(diameter), gps);
            var file = parse.GetValue(output)!;
            File.WriteAllBytes(file.FullName, photo.Jpeg);
            Console.WriteLine($"{file.FullName}: {photo.Width}x{photo.Height}, {photo.Plants.Count} plants{(gps is null ? string.Empty : $", GPS {gps}")}");
            return 0;
        });
        return generate;
    }
}
