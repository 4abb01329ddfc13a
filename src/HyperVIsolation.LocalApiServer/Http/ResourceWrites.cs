using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>POST, PUT, PATCH and DELETE on resources and their subresources.</summary>
public sealed class ResourceWrites(ObjectLifecycle lifecycle, ResourceReads reads)
{
    // Kinds whose DELETE answers with the object rather than a Status, as in kube-apiserver.
    private static readonly HashSet<string> ReturnsDeletedObject = new(StringComparer.Ordinal)
    {
        "pods", "namespaces", "services", "customresourcedefinitions.apiextensions.k8s.io",
    };

    /// <summary>Serves POST on a collection (create) or on <c>pods/binding</c>.</summary>
    public async Task CreateAsync(HttpContext context, ApiRequest request)
    {
        var write = Context(context);
        var body = await RequestBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (request.Subresource == "binding")
        {
            await BindAsync(context, request, body, write);
            return;
        }

        if (request.Name is not null)
        {
            throw ApiErrors.MethodNotAllowed("POST");
        }

        var created = lifecycle.Create(request.Resource, request.StorageNamespace, body, write);
        await ApiResponses.WriteJsonAsync(context, 201, ResponseShaper.Shape(request.Resource, created), write.Warnings);
    }

    /// <summary>Serves PUT on an object or a subresource.</summary>
    public async Task UpdateAsync(HttpContext context, ApiRequest request)
    {
        RequireName(request, "PUT");
        var write = Context(context);
        var body = await RequestBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        JsonObject updated;
        if (request.Subresource == "scale")
        {
            updated = lifecycle.Mutate(request.Resource, request.StorageNamespace, request.Name!, null, write, current => ScaleSubresource.Apply(request.Resource, current, body));
            await ApiResponses.WriteJsonAsync(context, 200, ScaleSubresource.View(request.Resource, updated), write.Warnings);
            return;
        }

        updated = lifecycle.Update(request.Resource, request.StorageNamespace, request.Name!, body, request.Subresource, write);
        await ApiResponses.WriteJsonAsync(context, 200, ResponseShaper.Shape(request.Resource, updated), write.Warnings);
    }

    /// <summary>Serves PATCH (JSON patch, merge patch, strategic merge patch, server-side apply).</summary>
    public async Task PatchAsync(HttpContext context, ApiRequest request)
    {
        RequireName(request, "PATCH");
        var mediaType = RequestBodyReader.MediaType(context.Request);
        PatchApplier.CheckMediaType(request.Resource, mediaType);
        var write = Context(context);
        var patch = await RequestBodyReader.ReadNodeAsync(context.Request, mediaType == PatchApplier.ApplyPatchType, context.RequestAborted);
        if (mediaType == PatchApplier.ApplyPatchType && reads.TryFind(request) is null && request.Subresource is null)
        {
            var applied = patch as JsonObject ?? throw ApiErrors.BadRequest("the applied configuration must be an object");
            var created = lifecycle.Create(request.Resource, request.StorageNamespace, applied, write);
            await ApiResponses.WriteJsonAsync(context, 201, ResponseShaper.Shape(request.Resource, created), write.Warnings);
            return;
        }

        if (request.Subresource == "scale")
        {
            var scaled = lifecycle.Mutate(request.Resource, request.StorageNamespace, request.Name!, null, write, current =>
                ScaleSubresource.Apply(request.Resource, current, PatchApplier.Apply(mediaType, ScaleSubresource.View(request.Resource, current), patch)));
            await ApiResponses.WriteJsonAsync(context, 200, ScaleSubresource.View(request.Resource, scaled), write.Warnings);
            return;
        }

        var patched = lifecycle.Mutate(request.Resource, request.StorageNamespace, request.Name!, request.Subresource, write, current => PatchApplier.Apply(mediaType, current, patch));
        await ApiResponses.WriteJsonAsync(context, 200, ResponseShaper.Shape(request.Resource, patched), write.Warnings);
    }

    /// <summary>Serves DELETE on an object or a collection.</summary>
    public async Task DeleteAsync(HttpContext context, ApiRequest request)
    {
        var options = await DeleteOptionsAsync(context);
        if (request.Name is null)
        {
            await DeleteCollectionAsync(context, request, options);
            return;
        }

        if (request.Subresource is not null)
        {
            throw ApiErrors.MethodNotAllowed("DELETE");
        }

        var outcome = lifecycle.Delete(request.Resource, request.StorageNamespace, request.Name, options);
        var shaped = ResponseShaper.Shape(request.Resource, outcome.Object);
        if (!outcome.Removed)
        {
            await ApiResponses.WriteJsonAsync(context, 202, shaped);
            return;
        }

        var body = ReturnsDeletedObject.Contains(request.Resource.StorageKey) || request.Resource.Custom is not null
            ? shaped
            : ApiResponses.Success(request.Resource.Group, request.Resource.Plural, request.Name, ObjectMetadata.Uid(outcome.Object));
        await ApiResponses.WriteJsonAsync(context, 200, body);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ApiRequest request, DeleteRequest options)
    {
        var page = reads.List(context, request, ResourceReads.Filter(context, request));
        var deleted = new JsonArray();
        foreach (var item in page.Items)
        {
            try
            {
                var outcome = lifecycle.Delete(request.Resource, ObjectMetadata.Namespace(item), ObjectMetadata.Name(item), options);
                deleted.Add(ResponseShaper.Shape(request.Resource, outcome.Object));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: nothing to do.
            }
        }

        var list = new JsonObject
        {
            ["kind"] = request.Resource.ListKind,
            ["apiVersion"] = request.Resource.GroupVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = deleted,
        };
        await ApiResponses.WriteJsonAsync(context, 200, list);
    }

    private async Task BindAsync(HttpContext context, ApiRequest request, JsonObject binding, WriteContext write)
    {
        var node = binding["target"]?["name"]?.ToString();
        if (string.IsNullOrEmpty(node))
        {
            throw ApiErrors.Invalid(string.Empty, "Binding", request.Name ?? string.Empty, [FieldError.Required("target.name")]);
        }

        lifecycle.Mutate(request.Resource, request.StorageNamespace, request.Name!, null, write, pod =>
        {
            if (!string.IsNullOrEmpty(pod["spec"]?["nodeName"]?.ToString()))
            {
                throw ApiErrors.Conflict(string.Empty, "pods", request.Name!, $"pod {request.Name} is already assigned to node \"{pod["spec"]!["nodeName"]}\"");
            }

            var spec = pod["spec"] as JsonObject ?? [];
            spec["nodeName"] = node;
            pod["spec"] = spec;
            return pod;
        });
        await ApiResponses.WriteJsonAsync(context, 201, ApiResponses.Success(string.Empty, "pods", request.Name!, string.Empty));
    }

    private static async Task<DeleteRequest> DeleteOptionsAsync(HttpContext context)
    {
        var policy = context.Request.Query["propagationPolicy"].ToString();
        JsonNode? body = null;
        if (RequestBodyReader.MediaType(context.Request) == "application/vnd.kubernetes.protobuf")
        {
            body = await RequestBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        }
        else if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            body = string.IsNullOrWhiteSpace(text) ? null : ParseDeleteOptions(text);
        }

        var bodyPolicy = body?["propagationPolicy"]?.ToString();
        return new DeleteRequest(
            string.IsNullOrEmpty(bodyPolicy) ? (string.IsNullOrEmpty(policy) ? null : policy) : bodyPolicy,
            body?["preconditions"]?["uid"]?.ToString(),
            body?["preconditions"]?["resourceVersion"]?.ToString());
    }

    private static JsonNode? ParseDeleteOptions(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    private static WriteContext Context(HttpContext context)
    {
        var validation = context.Request.Query["fieldValidation"].ToString();
        if (validation.Length == 0)
        {
            validation = "Warn";
        }

        if (validation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw ApiErrors.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{validation}\"");
        }

        return new WriteContext(validation, context.Request.Query["dryRun"] == "All");
    }

    private static void RequireName(ApiRequest request, string method)
    {
        if (request.Name is null)
        {
            throw ApiErrors.MethodNotAllowed(method);
        }
    }
}
