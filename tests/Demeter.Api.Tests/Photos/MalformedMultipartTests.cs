using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Photos;

/// <summary>
/// Broken and abusive multipart bodies on the two multipart uploads (a photo, a layout import), through a real
/// Kestrel: each is refused with 400, 408 or 413 and problem details, and nothing reaches the journal or the
/// blob store.
/// </summary>
public sealed class MalformedMultipartTests(MalformedMultipartTests.Host fixture) : IClassFixture<MalformedMultipartTests.Host>
{
    private const int MaxUploadBytes = 200_000;
    private const string Boundary = "demeter-boundary";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var url in new[] { Forms.PhotosUrl, Forms.ImportUrl })
        {
            foreach (var name in Bodies.Keys)
            {
                data.Add(url, name);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (string ContentType, Func<byte[]> Body, HttpStatusCode[] Expected)> Bodies = new()
    {
        ["no boundary"] = ("multipart/form-data", () => Ascii(Part("file", "a.jpg", "x") + End()), [HttpStatusCode.BadRequest]),
        ["boundary mismatch"] = ("multipart/form-data; boundary=other", () => Ascii(Part("file", "a.jpg", "x") + End()), [HttpStatusCode.BadRequest]),
        ["boundary over 128 characters"] = ($"multipart/form-data; boundary={new string('b', 200)}", () => Ascii($"--{new string('b', 200)}\r\n\r\nx\r\n--{new string('b', 200)}--\r\n"), [HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge]),
        ["no closing boundary"] = (Multipart, () => Ascii(Part("file", "a.jpg", "some bytes")), [HttpStatusCode.BadRequest]),
        ["LF-only lines"] = (Multipart, () => Ascii((Part("file", "a.jpg", "x") + End()).Replace("\r\n", "\n", StringComparison.Ordinal)), [HttpStatusCode.BadRequest]),
        ["a part without Content-Disposition"] = (Multipart, () => Ascii($"--{Boundary}\r\nContent-Type: image/jpeg\r\n\r\nx\r\n" + End()), [HttpStatusCode.BadRequest]),
        ["2,000 fields"] = (Multipart, () => Ascii(string.Concat(Enumerable.Range(0, 2000).Select(i => Field($"f{i}", "v"))) + End()), [HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest]),
        ["a 1 MB filename"] = (Multipart, () => Ascii(Part("file", new string('n', 1024 * 1024), "x") + End()), [HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest]),
    };

    private static string Multipart => $"multipart/form-data; boundary={Boundary}";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_body_is_refused_with_problem_details_and_stores_nothing(string url, string name)
    {
        var (contentType, body, expected) = Bodies[name];
        var before = await fixture.PersistedAsync();
        using var content = new ByteArrayContent(body());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await fixture.Api.Client.PostAsync(url, content);

        Assert.Contains(response.StatusCode, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await fixture.PersistedAsync());
    }

    [Fact]
    public async Task A_chunked_body_over_the_cap_is_refused_with_413_without_a_content_length()
    {
        var before = await fixture.PersistedAsync();
        var oversized = Ascii(Part("file", "big.jpg", new string('x', MaxUploadBytes * 2)) + End());
        using var content = new StreamContent(new MemoryStream(oversized));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Multipart);
        using var request = new HttpRequestMessage(HttpMethod.Post, Forms.PhotosUrl) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await fixture.Api.Client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(before, await fixture.PersistedAsync());
    }

    [Fact]
    public async Task A_body_that_trickles_in_is_refused_with_408()
    {
        var before = await fixture.PersistedAsync();
        var address = fixture.Api.Client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var head = $"POST {Forms.PhotosUrl} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: {fixture.Api.Client.DefaultRequestHeaders.Authorization}\r\n" +
            $"Content-Type: {Multipart}\r\nContent-Length: 100000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + $"--{Boundary}\r\n"));

        // Kestrel wants 240 bytes/s after a 5 s grace period; a byte every half second is far below it.
        var reading = ReadResponseAsync(stream);
        for (var i = 0; i < 40 && !reading.IsCompleted; i++)
        {
            try
            {
                await stream.WriteAsync(new[] { (byte)'x' });
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(reading, Task.Delay(500));
        }

        var response = await reading;
        Assert.StartsWith("HTTP/1.1 408", response, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.PersistedAsync());
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static string Part(string field, string fileName, string content) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\nContent-Type: image/jpeg\r\n\r\n{content}\r\n";

    private static string Field(string field, string value) => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n";

    private static string End() => $"--{Boundary}--\r\n";

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>One API on SQLite behind Kestrel, with a small photo limit and the real layout.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private HostData? _data;

        public ApiHost Api { get; private set; } = null!;

        /// <summary>Events in the journal and files in the blob store.</summary>
        public async Task<(long Events, int Blobs)> PersistedAsync() => (await Api.CountAsync("SELECT COUNT(*) FROM journal"), _data!.BlobFileCount());

        public async Task InitializeAsync()
        {
            _data = await HostData.CreateAsync(Backend.Sqlite, "multipart");
            Api = await ApiHost.StartAsync(_data, $"demeter.photos.max-upload-bytes = {MaxUploadBytes}\n", kestrel: true);

            // A well-formed import first: the journal exists, and the refusals must leave it as it is.
            using var imported = await Api.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout());
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        public async Task DisposeAsync()
        {
            await Api.DisposeAsync();
            await _data!.DisposeAsync();
        }
    }
}
