using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Admission;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Security;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>POST, PUT, PATCH and DELETE on resources and their subresources.</summary>
public sealed class ResourceWrites(WritePipeline pipeline, AdmissionChain admission, ResourceReads reads)
{
    // Kinds whose DELETE answers with the object rather than a Status, as in kube-apiserver.
    private static readonly HashSet<string> ReturnsDeletedObject = new(StringComparer.Ordinal)
    {
        "pods", "namespaces", "services", "customresourcedefinitions.apiextensions.k8s.io",
    };

    private ObjectLifecycle Lifecycle => pipeline.Lifecycle;

    /// <summary>Serves POST on a collection (create) or on <c>pods/binding</c>.</summary>
    public async Task CreateAsync(HttpContext context, ApiRequest request)
    {
        var write = Context(context, WriteOptions.FieldManager(context));
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

        var attributes = Attributes(context, request, "CREATE", ObjectMetadata.Name(body), write, "CreateOptions");
        var created = await pipeline.CreateAsync(request, body, write, attributes, context.RequestAborted);
        await ApiResponses.WriteJsonAsync(context, 201, ResponseShaper.Shape(request.Resource, created), write.Warnings);
    }

    /// <summary>Serves PUT on an object or a subresource.</summary>
    public async Task UpdateAsync(HttpContext context, ApiRequest request)
    {
        RequireName(request, "PUT");
        var write = Context(context, WriteOptions.FieldManager(context));
        var body = await RequestBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (request.Subresource == "scale")
        {
            var scaled = Lifecycle.Mutate(request.Resource, request.StorageNamespace, request.Name!, null, write, current => ScaleSubresource.Apply(request.Resource, current, body));
            await ApiResponses.WriteJsonAsync(context, 200, ScaleSubresource.View(request.Resource, scaled), write.Warnings);
            return;
        }

        CheckBodyIdentity(request, body);
        var attributes = Attributes(context, request, "UPDATE", request.Name!, write, "UpdateOptions");
        var updated = await pipeline.UpdateAsync(request, write, attributes, _ => (JsonObject)body.DeepClone(), context.RequestAborted);
        await ApiResponses.WriteJsonAsync(context, 200, ResponseShaper.Shape(request.Resource, updated), write.Warnings);
    }

    /// <summary>Serves PATCH (JSON patch, merge patch, strategic merge patch, server-side apply).</summary>
    public async Task PatchAsync(HttpContext context, ApiRequest request)
    {
        RequireName(request, "PATCH");
        var mediaType = RequestBodyReader.MediaType(context.Request);
        PatchApplier.CheckMediaType(request.Resource, mediaType);
        var apply = mediaType == PatchApplier.ApplyPatchType;
        var force = WriteOptions.Force(context, apply);
        var manager = apply ? WriteOptions.ApplyManager(context) : WriteOptions.FieldManager(context);
        var write = Context(context, apply ? null : manager);
        var patch = await RequestBodyReader.ReadNodeAsync(context.Request, apply, context.RequestAborted);
        if (request.Subresource == "scale")
        {
            var scaled = Lifecycle.Mutate(request.Resource, request.StorageNamespace, request.Name!, null, write, current =>
                ScaleSubresource.Apply(request.Resource, current, PatchApplier.Apply(mediaType, ScaleSubresource.View(request.Resource, current), patch)));
            await ApiResponses.WriteJsonAsync(context, 200, ScaleSubresource.View(request.Resource, scaled), write.Warnings);
            return;
        }

        Func<JsonObject, JsonObject> transform = current => PatchApplier.Apply(mediaType, current, patch);
        if (apply)
        {
            var applied = patch as JsonObject ?? throw ApiErrors.BadRequest("the applied configuration must be an object");
            CheckBodyIdentity(request, applied);
            var schema = Lifecycle.Schemas.For(request.Resource);
            if (request.Subresource is null && reads.TryFind(request) is null)
            {
                var fresh = ServerSideApplier.Apply(request.Resource, null, applied, null, manager, force, schema, Lifecycle.Clock.GetUtcNow());
                var attributes = Attributes(context, request, "CREATE", request.Name!, write, "PatchOptions");
                var created = await pipeline.CreateAsync(request, fresh, write, attributes, context.RequestAborted);
                await ApiResponses.WriteJsonAsync(context, 201, ResponseShaper.Shape(request.Resource, created), write.Warnings);
                return;
            }

            transform = current => ServerSideApplier.Apply(request.Resource, current, applied, request.Subresource, manager, force, schema, Lifecycle.Clock.GetUtcNow());
        }

        var update = Attributes(context, request, "UPDATE", request.Name!, write, "PatchOptions");
        var patched = await pipeline.UpdateAsync(request, write, update, transform, context.RequestAborted);
        await ApiResponses.WriteJsonAsync(context, 200, ResponseShaper.Shape(request.Resource, patched), write.Warnings);
    }

    /// <summary>Serves DELETE on an object or a collection.</summary>
    public async Task DeleteAsync(HttpContext context, ApiRequest request)
    {
        var options = await DeleteOptionsReader.ReadAsync(context);
        if (request.Name is null)
        {
            await DeleteCollectionAsync(context, request, options);
            return;
        }

        if (request.Subresource is not null)
        {
            throw ApiErrors.MethodNotAllowed("DELETE");
        }

        var attributes = Attributes(context, request, "DELETE", request.Name, WriteContext.Default, "DeleteOptions");
        var outcome = await pipeline.DeleteAsync(request, request.StorageNamespace, request.Name, options, attributes, context.RequestAborted);
        var shaped = ResponseShaper.Shape(request.Resource, outcome.Object);

        // kube-apiserver answers 200 for pending deletions too (graceful pods, finalizers, namespaces).
        var body = !outcome.Removed || ReturnsDeletedObject.Contains(request.Resource.StorageKey) || request.Resource.Custom is not null
            ? shaped
            : ApiResponses.Success(request.Resource.Group, request.Resource.Plural, request.Name, ObjectMetadata.Uid(outcome.Object));
        await ApiResponses.WriteJsonAsync(context, 200, body);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ApiRequest request, DeleteRequest options)
    {
        var page = reads.List(context, request, ResourceReads.Filter(context, request));
        var deleted = new JsonArray();
        var attributes = Attributes(context, request, "DELETE", string.Empty, WriteContext.Default, "DeleteOptions");
        foreach (var item in page.Items)
        {
            try
            {
                var outcome = await pipeline.DeleteAsync(request, item.Namespace, item.Name, options, attributes, context.RequestAborted);
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
        var attributes = Attributes(context, request, "CREATE", request.Name ?? string.Empty, write, "CreateOptions") with { ObjectKind = (string.Empty, "v1", "Binding") };
        binding = await admission.MutateAsync(attributes, binding, null, write, context.RequestAborted) ?? binding;
        await admission.ValidateAsync(attributes, binding, null, write, context.RequestAborted);
        var node = binding["target"]?["name"]?.ToString();
        if (string.IsNullOrEmpty(node))
        {
            throw ApiErrors.Invalid(string.Empty, "Binding", request.Name ?? string.Empty, [FieldError.Required("target.name")]);
        }

        Lifecycle.Mutate(request.Resource, request.StorageNamespace, request.Name!, "binding", write, pod =>
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

    private static AdmissionAttributes Attributes(HttpContext context, ApiRequest request, string operation, string name, WriteContext write, string optionsKind)
    {
        var options = new JsonObject { ["kind"] = optionsKind, ["apiVersion"] = "meta.k8s.io/v1" };
        var manager = write.FieldManager ?? context.Request.Query["fieldManager"].ToString();
        if (manager.Length > 0)
        {
            options["fieldManager"] = manager;
        }

        if (context.Request.Query["force"] == "true")
        {
            options["force"] = true;
        }

        if (write.DryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }

        return new AdmissionAttributes(
            request.Resource, request.Subresource, operation, request.StorageNamespace, name, write.DryRun, TokenAuthenticator.UserOf(context), options);
    }

    private static void CheckBodyIdentity(ApiRequest request, JsonObject body)
    {
        var metadata = ObjectMetadata.Of(body);
        var bodyName = ObjectMetadata.Name(body);
        if (bodyName.Length > 0 && bodyName != request.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        }

        metadata["name"] = request.Name;
        var kind = body["kind"]?.ToString();
        if (!string.IsNullOrEmpty(kind) && kind != request.Resource.Kind && request.Subresource is null)
        {
            throw ApiErrors.BadRequest($"the kind of the object ({kind}) does not match the kind of the resource ({request.Resource.Kind})");
        }
    }

    private static WriteContext Context(HttpContext context, string? fieldManager)
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

        return new WriteContext(validation, context.Request.Query["dryRun"] == "All") { FieldManager = fieldManager };
    }

    private static void RequireName(ApiRequest request, string method)
    {
        if (request.Name is null)
        {
            throw ApiErrors.MethodNotAllowed(method);
        }
    }
}
