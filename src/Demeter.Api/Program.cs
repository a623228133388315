using System.Text.Json.Serialization;
using Demeter.Api.Admin;
using Demeter.Api.Analytics;
using Demeter.Api.Audit;
using Demeter.Api.Auth;
using Demeter.Api.Calibration;
using Demeter.Api.Catalog;
using Demeter.Api.Exports;
using Demeter.Api.Http;
using Demeter.Api.Layout;
using Demeter.Api.Map;
using Demeter.Api.OpenApi;
using Demeter.Api.Photos;
using Demeter.Api.Security;
using Demeter.Api.Stock;
using Demeter.Api.StorageLocations;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Persistence;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var node = NodeSettings.Resolve(args, Environment.GetEnvironmentVariable, key => builder.Configuration[$"Demeter:{key}"]);
if (!node.HasRole(NodeRoles.Api))
{
    // A node without the api role serves no public HTTP: only its admin endpoint (cluster control, health, metrics).
    var headless = Host.CreateApplicationBuilder(args);
    headless.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    headless.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
    headless.Services.AddDemeterNode(node, extraHocon: builder.Configuration["Demeter:hocon"]);
    headless.Services.AddDemeterAuth(builder.Configuration, node);
    headless.Services.AddAdminEndpoint();
    await headless.Build().RunAsync();
    return;
}

// The documented default address, unless the host was given one (--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS).
if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

// Per-request logs only on demand (Logging:LogLevel:Microsoft.AspNetCore), whatever the content root holds.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
// Authentication registers data protection, which warns that its keys are unencrypted at rest; nothing here uses
// it (no cookies, no antiforgery tokens: clients send bearer tokens), so the warning says nothing to act on.
builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Demeter.Api.Problems.FrameworkProblems.Customize);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Demeter API";
    document.Info.Description = "Plant inventory of a cactus and succulent nursery: layout, photos, the stock ledger, catalog, map, analytics.";
    document.Info.Contact = new Microsoft.OpenApi.OpenApiContact { Name = "Demeter", Url = new Uri("https://demeter.dev/") };
    return Task.CompletedTask;
}).AddBearerSecurity());
builder.Services.AddDemeterNode(node, extraHocon: builder.Configuration["Demeter:hocon"]);
builder.Services.AddDemeterAuth(builder.Configuration, node);
builder.Services.AddAdminEndpoint();
builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddAspNetCoreInstrumentation());
var rateLimits = RateLimits.From(builder.Configuration);
builder.Services.AddRateLimiter(rateLimits.Configure);
builder.Services.AddSingleton<PhotoIntake>();
builder.Services.AddSingleton<GeometryCache>();
builder.Services.AddSingleton<RenderedViews>();
var browsers = BrowserPolicy.From(builder.Configuration);
builder.Services.AddSingleton(browsers);
builder.Services.AddCors(o => o.AddPolicy(BrowserPolicy.CorsPolicyName, p => p
    .WithOrigins([.. browsers.AllowedOrigins])
    .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
    .WithHeaders("Authorization", "Content-Type", "Accept")
    .WithExposedHeaders("Location", "Retry-After")));
builder.Services.AddSingleton(sp => new EntityJournalReader(sp.GetRequiredService<Akka.Actor.ActorSystem>()));
builder.Services.AddSingleton(sp => new Demeter.Cluster.Audit.AuditJournal(
    sp.GetRequiredService<Akka.Actor.ActorSystem>(), sp.GetRequiredService<Demeter.Cluster.ReadModel.ReadModelDatabase>()));

var app = builder.Build();
app.UseMiddleware<HttpMetrics>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors(BrowserPolicy.CorsPolicyName);
app.UseMiddleware<SecurityMiddleware>();
app.UseAuthentication();

// After authentication, so a signed-in caller spends its own budget, not its address's.
app.UseRateLimiter();
app.UseAuthorization();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference(o => o.WithTitle("Demeter API").AddPreferredSecuritySchemes(BearerSecurityTransformer.SchemeName)).AllowAnonymous();
app.MapAuthEndpoints();
app.MapUserEndpoints();
app.MapLayoutEndpoints();
app.MapPhotoEndpoints();
app.MapValidationEndpoints();
app.MapGalleryEndpoints();
app.MapMapEndpoints();
app.MapAnalyticsEndpoints();
app.MapExportEndpoints();
app.MapCalibrationEndpoints();
app.MapCatalogEndpoints();
app.MapCatalogImportEndpoints();
app.MapPriceChangeEndpoints();
var stock = app.MapGroup("/api/v1/stock").WithTags("Stock").WithReadYourWrites();
stock.MapMovementEndpoints();
stock.MapBatchEndpoints();
stock.MapTransplantEndpoints();
stock.MapReconciliationEndpoints();
stock.MapSowingImportEndpoints();
app.MapStorageLocationStockEndpoints();
app.MapAuditEndpoints();
app.MapHealthEndpoints();
app.MapMetricsEndpoints(builder.Configuration.GetValue("Demeter:metrics:anonymous", false));
app.Run();

/// <summary>The API host; public so tests can start it through WebApplicationFactory.</summary>
public partial class Program;
