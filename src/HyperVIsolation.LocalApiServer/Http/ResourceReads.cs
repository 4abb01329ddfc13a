using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>GET of one object, list (with selectors, pagination and Table output) and watch.</summary>
public sealed class ResourceReads(ObjectStore store, TableConverter tables, WatchStreamer watches)
{
    /// <summary>Serves GET on a named object.</summary>
    public async Task GetAsync(HttpContext context, ApiRequest request)
    {
        var obj = Find(request);
        await WriteAsync(context, request, [obj], single: true);
    }

    /// <summary>Reads an object or throws 404.</summary>
    public JsonObject Find(ApiRequest request)
    {
        var obj = store.Get(request.Resource.StorageKey, request.StorageNamespace, request.Name!)
            ?? throw ApiErrors.NotFound(request.Resource.Group, request.Resource.Plural, request.Name!);
        return ResponseShaper.Shape(request.Resource, obj);
    }

    /// <summary>Reads an object, or null when absent.</summary>
    public JsonObject? TryFind(ApiRequest request) =>
        store.Get(request.Resource.StorageKey, request.StorageNamespace, request.Name!);

    /// <summary>Serves a list or, with <c>watch=true</c> or a watch path, a watch.</summary>
    public async Task ListOrWatchAsync(HttpContext context, ApiRequest request)
    {
        var query = context.Request.Query;
        var filter = Filter(context, request);
        if (request.WatchPath || query["watch"] == "true" || query["watch"] == "1")
        {
            await watches.StreamAsync(context, request, filter, obj => ResponseShaper.Shape(request.Resource, obj));
            return;
        }

        var page = List(context, request, filter);
        var metadata = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (page.Continue is not null)
        {
            metadata["continue"] = page.Continue;
            metadata["remainingItemCount"] = page.RemainingItemCount;
        }

        var items = page.Items.Select(i => ResponseShaper.Shape(request.Resource, i)).ToList();
        if (TableConverter.IsRequested(context.Request.Headers.Accept.ToString()))
        {
            await ApiResponses.WriteJsonAsync(context, 200, tables.Convert(request.Resource, items, metadata, query["includeObject"].ToString()));
            return;
        }

        var list = new JsonObject
        {
            ["kind"] = request.Resource.ListKind,
            ["apiVersion"] = request.Resource.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        };
        await ApiResponses.WriteJsonAsync(context, 200, list);
    }

    /// <summary>Lists the selected objects of a request (all pages when no limit is given).</summary>
    public ListPage List(HttpContext context, ApiRequest request, WatchFilter filter)
    {
        var query = context.Request.Query;
        int? limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : null;
        ContinueToken? from = null;
        if (!string.IsNullOrEmpty(query["continue"]))
        {
            from = ContinueToken.TryDecode(query["continue"].ToString()) ?? throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }

        return store.List(request.Resource.StorageKey, request.Namespace, filter.Matches, limit, from);
    }

    /// <summary>The label and field selectors of a request (plus the name of a watch path).</summary>
    public static WatchFilter Filter(HttpContext context, ApiRequest request)
    {
        var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"].ToString());
        if (request.Name is not null)
        {
            fields = fields.WithName(request.Name);
        }

        return new WatchFilter(LabelSelector.Parse(context.Request.Query["labelSelector"].ToString()), fields);
    }

    private async Task WriteAsync(HttpContext context, ApiRequest request, IReadOnlyList<JsonObject> objects, bool single)
    {
        if (single && TableConverter.IsRequested(context.Request.Headers.Accept.ToString()) && request.Subresource is null)
        {
            var metadata = new JsonObject { ["resourceVersion"] = objects[0]["metadata"]?["resourceVersion"]?.DeepClone() };
            await ApiResponses.WriteJsonAsync(context, 200, tables.Convert(request.Resource, objects, metadata, context.Request.Query["includeObject"].ToString()));
            return;
        }

        await ApiResponses.WriteJsonAsync(context, 200, objects[0]);
    }
}
