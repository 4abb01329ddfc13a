using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Authorization;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Faults;
using HyperVIsolation.LocalApiServer.Logs;
using HyperVIsolation.LocalApiServer.Metering;
using HyperVIsolation.LocalApiServer.OpenApi;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// The single entry point of the API: bearer-token authentication, RBAC authorization when enforced, routing to discovery, OpenAPI and
/// resources, and the guarantee that every failure becomes a <c>Status</c> answer (never a crash).
/// </summary>
public sealed partial class KubernetesApiHandler(
    ResourceCatalog catalog,
    ResourceReads reads,
    ResourceWrites writes,
    DiscoveryDocuments discovery,
    OpenApiDocuments openApi,
    TokenAuthenticator authenticator,
    FaultInjectorSlot faults,
    PodLogStreamer podLogs,
    TokenRequests tokenRequests,
    ILogger<KubernetesApiHandler> logger,
    RequestCounter? requests = null,
    RequestAuthorizer? authorizer = null)
{
    /// <summary>Handles one HTTP request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var segments = context.Request.Path.Value?.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (segments is ["healthz" or "livez" or "readyz"])
            {
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            }

            if (!authenticator.Authenticate(context))
            {
                await ApiResponses.WriteErrorAsync(context, new ApiException(401, "Unauthorized", "Unauthorized"));
                return;
            }

            // As kube-apiserver's filter chain: authorization sees only the URL, before routing, so a denied
            // request answers 403 even where the path would answer 404.
            authorizer?.Authorize(context, TokenAuthenticator.UserOf(context));
            await RouteAsync(context, segments);
        }
        catch (ApiException e)
        {
            await TryWriteErrorAsync(context, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path, e);
            await TryWriteErrorAsync(context, new ApiException($"Internal error occurred: {e.Message}", e));
        }
    }

    private async Task RouteAsync(HttpContext context, string[] segments)
    {
        var document = Discovery(context, segments);
        if (document is not null)
        {
            RequireGet(context);
            await ApiResponses.WriteJsonAsync(context, 200, document);
            return;
        }

        var request = ApiRequestParser.Parse(catalog, segments) ?? throw ApiErrors.PageNotFound();
        var verb = Verb(context, request);
        requests?.Record(verb, request.QualifiedName, context.Request.Headers.UserAgent.ToString());
        if (await faults.BeforeRequestAsync(verb, request.Resource.Plural, context.RequestAborted) is { } fault)
        {
            if (fault.Error.Code is 429 or 503)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ApiResponses.WriteErrorAsync(context, fault.Error);
            return;
        }

        await DispatchAsync(context, request);
    }

    private JsonObject? Discovery(HttpContext context, string[] segments) => segments switch
    {
        ["version"] => DiscoveryDocuments.Version(),
        ["api"] => DiscoveryDocuments.CoreVersions($"{context.Request.Host}"),
        ["api", var v] => discovery.Resources(string.Empty, v) ?? throw ApiErrors.PageNotFound(),
        ["apis"] => discovery.Groups(),
        ["apis", var g] => discovery.Group(g) ?? throw ApiErrors.PageNotFound(),
        ["apis", var g, var v] => discovery.Resources(g, v) ?? throw ApiErrors.PageNotFound(),
        ["openapi", "v3"] => openApi.Index(),
        ["openapi", "v3", .. var rest] => openApi.DocumentFor(string.Join('/', rest)) ?? throw ApiErrors.PathNotFound(),
        ["openapi", ..] => throw ApiErrors.PathNotFound(),
        _ => null,
    };

    private async Task DispatchAsync(HttpContext context, ApiRequest request)
    {
        if (request.Resource.Namespaced && request.Namespace is null && request.Name is not null)
        {
            throw ApiErrors.PathNotFound();
        }

        switch (context.Request.Method)
        {
            case "GET" when request.Name is null || request.WatchPath:
                await reads.ListOrWatchAsync(context, request);
                break;
            case "GET" when request.Subresource == "log":
                await podLogs.StreamAsync(context, request.StorageNamespace, request.Name!);
                break;
            case "GET" when request.Subresource == "scale":
                await ApiResponses.WriteJsonAsync(context, 200, ScaleSubresource.View(request.Resource, reads.Find(request)));
                break;
            case "GET" when request.Subresource is null or "status" or "ephemeralcontainers":
                await reads.GetAsync(context, request);
                break;
            case "POST" when request.Subresource == "token":
                await tokenRequests.CreateAsync(context, request);
                break;
            case "POST" when request.Subresource is null or "binding":
                await writes.CreateAsync(context, request);
                break;
            case "PUT" when request.Subresource != "binding":
                await writes.UpdateAsync(context, request);
                break;
            case "PATCH" when request.Subresource is not ("binding" or "finalize"):
                await writes.PatchAsync(context, request);
                break;
            case "DELETE":
                await writes.DeleteAsync(context, request);
                break;
            default:
                throw ApiErrors.MethodNotAllowed(context.Request.Method);
        }
    }

    private static string Verb(HttpContext context, ApiRequest request) => context.Request.Method switch
    {
        "GET" when request.WatchPath || context.Request.Query["watch"] is var w && (w == "true" || w == "1") => "watch",
        "GET" when request.Name is null => "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when request.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => context.Request.Method.ToLowerInvariant(),
    };

    private static void RequireGet(HttpContext context)
    {
        if (context.Request.Method is not ("GET" or "HEAD"))
        {
            throw ApiErrors.MethodNotAllowed(context.Request.Method);
        }
    }

    private static async Task TryWriteErrorAsync(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.Headers.Clear();
        await ApiResponses.WriteErrorAsync(context, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
