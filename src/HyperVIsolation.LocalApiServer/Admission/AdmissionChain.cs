using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>
/// The admission steps of every write, in kube-apiserver's plugin order: DefaultTolerationSeconds
/// on pod creation and update, RuntimeClass on pod creation, then mutating webhooks; validating webhooks last. Webhook
/// configurations themselves are exempt from webhooks, as in kube-apiserver.
/// </summary>
public sealed class AdmissionChain(RuntimeClassAdmission runtimeClasses, WebhookDispatcher webhooks)
{
    /// <summary>Runs mutating admission; returns the object to write.</summary>
    public async Task<JsonObject?> MutateAsync(AdmissionAttributes attributes, JsonObject? obj, JsonObject? old, WriteContext write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (obj is not null && IsPodWrite(attributes))
        {
            obj = (JsonObject)obj.DeepClone();
            DefaultTolerationSeconds.Admit(obj);
            if (attributes.Operation == "CREATE")
            {
                runtimeClasses.Admit(obj, attributes.Name);
            }
        }

        return IsExempt(attributes) ? obj : await webhooks.MutateAsync(attributes, obj, old, write, cancellationToken);
    }

    /// <summary>Runs validating admission; throws to reject.</summary>
    public async Task ValidateAsync(AdmissionAttributes attributes, JsonObject? obj, JsonObject? old, WriteContext write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (!IsExempt(attributes))
        {
            await webhooks.ValidateAsync(attributes, obj, old, write, cancellationToken);
        }
    }

    private static bool IsPodWrite(AdmissionAttributes attributes) =>
        attributes.Resource.StorageKey == "pods" && attributes.Subresource is null && attributes.Operation is "CREATE" or "UPDATE";

    private static bool IsExempt(AdmissionAttributes attributes) =>
        attributes.Resource.Group == "admissionregistration.k8s.io";
}
