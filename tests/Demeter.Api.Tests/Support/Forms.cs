using System.Net.Http.Headers;
using System.Text;

namespace Demeter.Api.Tests.Support;

/// <summary>The multipart bodies the API takes: a layout import and a photo upload.</summary>
public static class Forms
{
    public const string ImportUrl = "/api/v1/layout/import";
    public const string PhotosUrl = "/api/v1/photos";

    /// <summary>The three GeoJSON files; a null file leaves its field out.</summary>
    public static MultipartFormDataContent Layout(string? naves, string? canteros, string? claros)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, text) in new[] { ("naves", naves), ("canteros", canteros), ("claros", claros) })
        {
            if (text is not null)
            {
                var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
                part.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
                form.Add(part, field, field + ".geojson");
            }
        }

        return form;
    }

    public static MultipartFormDataContent RealLayout() => Layout(Nursery.Naves, Nursery.Canteros, Nursery.Claros);

    /// <summary>A JPEG in the field 'file' plus plain form fields.</summary>
    public static MultipartFormDataContent Photo(byte[] file, params (string Name, string Value)[] fields) => Upload(file, "photo.jpg", "image/jpeg", fields);

    /// <summary>Any file in the field 'file' (left out when null) plus plain form fields.</summary>
    public static MultipartFormDataContent Upload(byte[]? file, string fileName, string contentType, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "file", fileName);
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}
