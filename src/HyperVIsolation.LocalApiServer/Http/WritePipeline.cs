using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Admission;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// A write as kube-apiserver runs it: read, transform, mutating admission, defaults and
/// validation, validating admission, then a commit that retries from a fresh read when the
/// object changed meanwhile (admission runs outside the store's lock).
/// </summary>
public sealed class WritePipeline(ObjectLifecycle lifecycle, AdmissionChain admission)
{
    private const int Attempts = 16;

    /// <summary>The lifecycle writes go through.</summary>
    public ObjectLifecycle Lifecycle => lifecycle;

    /// <summary>Creates <paramref name="body"/> through admission.</summary>
    public async Task<JsonObject> CreateAsync(ApiRequest request, JsonObject body, WriteContext write, AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        var mutated = await admission.MutateAsync(attributes, body, null, write, cancellationToken) ?? body;
        for (var attempt = 0; ; attempt++)
        {
            var prepared = lifecycle.PrepareCreate(request.Resource, request.StorageNamespace, (JsonObject)mutated.DeepClone(), write);
            await admission.ValidateAsync(attributes with { Name = ObjectMetadata.Name(prepared) }, prepared, null, write, cancellationToken);
            if (write.DryRun)
            {
                return prepared;
            }

            try
            {
                return lifecycle.CommitCreate(request.Resource, prepared);
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists" && ObjectMetadata.Name(mutated).Length == 0 && attempt < 5)
            {
                // A generated name collided; draw another suffix.
            }
        }
    }

    /// <summary>Updates the named object with <paramref name="transform"/> of its current state, through admission.</summary>
    public async Task<JsonObject> UpdateAsync(
        ApiRequest request, WriteContext write, AdmissionAttributes attributes, Func<JsonObject, JsonObject> transform, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = lifecycle.Store.Get(resource.StorageKey, request.StorageNamespace, request.Name!)
                ?? throw ApiErrors.NotFound(resource.Group, resource.Plural, request.Name!);
            var candidate = transform((JsonObject)current.DeepClone());
            var mutated = await admission.MutateAsync(attributes, candidate, current, write, cancellationToken) ?? candidate;
            var prepared = lifecycle.PrepareUpdate(resource, current, mutated, request.Subresource, write);
            await admission.ValidateAsync(attributes, prepared, current, write, cancellationToken);
            if (write.DryRun)
            {
                return prepared;
            }

            try
            {
                return lifecycle.CommitUpdate(resource, request.StorageNamespace, request.Name!, ObjectMetadata.Text(current, "resourceVersion"), prepared);
            }
            catch (StaleWriteException)
            {
                // Someone else wrote first: recompute from the new state.
            }
        }

        throw ApiErrors.Conflict(resource.Group, resource.Plural, request.Name!, "the object kept changing while the write was retried");
    }

    /// <summary>Deletes the named object after validating admission.</summary>
    public async Task<DeleteOutcome> DeleteAsync(
        ApiRequest request, string ns, string name, DeleteRequest options, AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        var current = lifecycle.Store.Get(resource.StorageKey, ns, name) ?? throw ApiErrors.NotFound(resource.Group, resource.Plural, name);
        await admission.ValidateAsync(attributes with { Namespace = ns, Name = name }, null, current, WriteContext.Default, cancellationToken);
        return lifecycle.Delete(resource, ns, name, options);
    }
}
