using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>The <c>response</c> of an AdmissionReview.</summary>
/// <param name="Allowed">Whether the request is admitted.</param>
/// <param name="Status">The status of a denial, or null.</param>
/// <param name="Patch">A JSON Patch to apply (mutating webhooks), or null.</param>
/// <param name="Warnings">Warnings for the client.</param>
public sealed record WebhookResponse(bool Allowed, JsonObject? Status, JsonNode? Patch, IReadOnlyList<string> Warnings);
