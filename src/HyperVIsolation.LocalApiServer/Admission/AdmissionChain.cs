using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>The admission steps of every write (built-in plugins, then webhooks).</summary>
public sealed class AdmissionChain
{
    /// <summary>Runs mutating admission; returns the object to write.</summary>
    public Task<JsonObject?> MutateAsync(AdmissionAttributes attributes, JsonObject? obj, JsonObject? old, WriteContext write, CancellationToken cancellationToken) =>
        Task.FromResult(obj);

    /// <summary>Runs validating admission; throws to reject.</summary>
    public Task ValidateAsync(AdmissionAttributes attributes, JsonObject? obj, JsonObject? old, WriteContext write, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
