using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>GET of one object, list (with selectors, pagination and Table output) and watch.</summary>
public sealed class ResourceReads(ObjectStore store, TableConverter tables, WatchStreamer watches)
{
    /// <summary>Serves GET on a named object.</summary>
    public async Task GetAsync(HttpContext context, ApiRequest request)
    {
        var stored = store.Read(request.Resource.StorageKey, request.StorageNamespace, request.Name!)
            ?? throw ApiErrors.NotFound(request.Resource.Group, request.Resource.Plural, request.Name!);
        if (TableConverter.IsRequested(context.Request.Headers.Accept.ToString()) && request.Subresource is null)
        {
            var metadata = new JsonObject { ["resourceVersion"] = stored.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
            var view = ResponseShaper.View(request.Resource, stored);
            await ApiResponses.WriteJsonAsync(context, 200, tables.Convert(request.Resource, [view], metadata, context.Request.Query["includeObject"].ToString()));
            return;
        }

        await ApiResponses.WriteJsonAsync(context, 200, ResponseShaper.Json(request.Resource, stored));
    }

    /// <summary>Reads an object or throws 404.</summary>
    public JsonObject Find(ApiRequest request)
    {
        var obj = store.Get(request.Resource.StorageKey, request.StorageNamespace, request.Name!)
            ?? throw ApiErrors.NotFound(request.Resource.Group, request.Resource.Plural, request.Name!);
        return ResponseShaper.Shape(request.Resource, obj);
    }

    /// <summary>Reads an object, or null when absent.</summary>
    public StoredObject? TryFind(ApiRequest request) =>
        store.Read(request.Resource.StorageKey, request.StorageNamespace, request.Name!);

    /// <summary>Serves a list or, with <c>watch=true</c> or a watch path, a watch.</summary>
    public async Task ListOrWatchAsync(HttpContext context, ApiRequest request)
    {
        var query = context.Request.Query;
        var filter = Filter(context, request);
        if (request.WatchPath || query["watch"] == "true" || query["watch"] == "1")
        {
            await watches.StreamAsync(context, request, filter);
            return;
        }

        var page = List(context, request, filter);
        if (!TableConverter.IsRequested(context.Request.Headers.Accept.ToString()))
        {
            await ListResponseWriter.WriteAsync(context, request.Resource, page);
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (page.Continue is not null)
        {
            metadata["continue"] = page.Continue;
            if (page.RemainingItemCount is { } remaining)
            {
                metadata["remainingItemCount"] = remaining;
            }
        }

        var items = page.Items.Select(i => ResponseShaper.View(request.Resource, i));
        await ApiResponses.WriteJsonAsync(context, 200, tables.Convert(request.Resource, items, metadata, query["includeObject"].ToString()));
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

        var page = store.List(request.Resource.StorageKey, request.Namespace, filter.Matches, limit, from);

        // kube-apiserver counts the rest only when nothing is filtered (it cannot know how many match).
        return filter.SelectsEverything ? page : page with { RemainingItemCount = null };
    }

    /// <summary>The label and field selectors of a request (plus the name of a watch path).</summary>
    public static WatchFilter Filter(HttpContext context, ApiRequest request)
    {
        var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"].ToString());
        SelectableFields.Check(request.Resource, fields);
        if (request.Name is not null)
        {
            fields = fields.WithName(request.Name);
        }

        return new WatchFilter(LabelSelector.Parse(context.Request.Query["labelSelector"].ToString()), fields);
    }
}
