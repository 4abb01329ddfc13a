using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Soak.Plan;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.Soak.Running;

/// <summary>
/// Makes the planned workload operations through the API as a user would, retrying through the injected failures
/// (every operation is idempotent: creates tolerate AlreadyExists of the same revision, deletes NotFound, patches set
/// absolute values), so the cluster ends each round with exactly the plan's spec.
/// </summary>
public sealed class WorkloadDriver(IKubernetes client)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    /// <summary>Makes <paramref name="operation"/>, retrying transient failures for up to a minute.</summary>
    /// <exception cref="TimeoutException">It kept failing.</exception>
    public async Task ApplyAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var deadline = DateTimeOffset.UtcNow + GiveUpAfter;
        string? lastError = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await TryApplyAsync(operation, cancellationToken))
                {
                    return;
                }

                lastError = "the previous workload of the slot is still being deleted";
            }
            catch (HttpOperationException exception) when ((int)exception.Response.StatusCode is 429 or >= 500 || exception.Response.StatusCode == HttpStatusCode.Conflict)
            {
                lastError = $"{(int)exception.Response.StatusCode} {exception.Response.Content}";
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                lastError = exception.Message;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{operation.Describe()} kept failing for {GiveUpAfter.TotalSeconds:F0} s: {lastError}");
    }

    /// <summary>The workload a slot is at a given size and revision.</summary>
    public static IsolatedWorkload Render(int slot, int replicas, int revision) => new()
    {
        ApiVersion = $"{ApiGroup.Group}/{ApiGroup.Version}",
        Kind = IsolatedWorkload.KindName,
        Metadata = new V1ObjectMeta { Name = SlotNames.Of(slot), NamespaceProperty = SlotNames.Namespace },
        Spec = new IsolatedWorkloadSpec
        {
            Replicas = replicas,
            Os = new OsSelection { Flavor = OsFlavor.NanoServer, Version = WindowsVersion.Ltsc2022 },
            Strategy = new UpdateStrategy
            {
                Type = UpdateStrategyType.RollingUpdate,
                RollingUpdate = new RollingUpdateSettings { MaxSurge = SlotNames.MaxSurge(slot), MaxUnavailable = SlotNames.MaxUnavailable(slot) },
            },
            Template = new WorkloadTemplate
            {
                Labels = new Dictionary<string, string> { ["app"] = SlotNames.Of(slot) },
                Annotations = new Dictionary<string, string> { [SlotNames.RevisionAnnotation] = Revision(revision) },
                Containers =
                [
                    new WorkloadContainer
                    {
                        Name = "app",
                        Resources = new ContainerResources
                        {
                            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("256Mi") },
                            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
                        },
                    },
                ],
            },
        },
    };

    private async Task<bool> TryApplyAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        var name = SlotNames.Of(operation.Slot);
        switch (operation.Kind)
        {
            case OperationKind.Create:
                try
                {
                    await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                        Render(operation.Slot, operation.Replicas, operation.Revision), ApiGroup.Group, ApiGroup.Version, SlotNames.Namespace, IsolatedWorkload.Plural, cancellationToken: cancellationToken);
                    return true;
                }
                catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
                {
                    // Created by an earlier attempt whose answer was lost, or the slot's previous workload is still going.
                    var existing = await client.CustomObjects.GetNamespacedCustomObjectAsync<IsolatedWorkload>(
                        ApiGroup.Group, ApiGroup.Version, SlotNames.Namespace, IsolatedWorkload.Plural, name, cancellationToken);
                    return existing.Metadata.DeletionTimestamp is null
                        && existing.Spec?.Template?.Annotations?.GetValueOrDefault(SlotNames.RevisionAnnotation) == Revision(operation.Revision);
                }

            case OperationKind.Scale:
                await PatchAsync(name, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = operation.Replicas } }, cancellationToken);
                return true;
            case OperationKind.Update:
                var template = new JsonObject { ["annotations"] = new JsonObject { [SlotNames.RevisionAnnotation] = Revision(operation.Revision) } };
                await PatchAsync(name, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = operation.Replicas, ["template"] = template } }, cancellationToken);
                return true;
            case OperationKind.Delete:
                try
                {
                    await client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                        ApiGroup.Group, ApiGroup.Version, SlotNames.Namespace, IsolatedWorkload.Plural, name, cancellationToken: cancellationToken);
                }
                catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    // Deleted by an earlier attempt whose answer was lost.
                }

                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown operation.");
        }
    }

    private Task<object> PatchAsync(string name, JsonObject mergePatch, CancellationToken cancellationToken) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatch.ToJsonString(), V1Patch.PatchType.MergePatch), ApiGroup.Group, ApiGroup.Version, SlotNames.Namespace, IsolatedWorkload.Plural, name, cancellationToken: cancellationToken);

    private static string Revision(int revision) => revision.ToString(CultureInfo.InvariantCulture);
}
