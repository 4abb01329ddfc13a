using System.Net;
using System.Text.Json.Nodes;
using HyperVIsolation.Operator.Tests.Admission;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.EndToEnd;

/// <summary>Plays one <see cref="EscapeCase"/> as the tenant against the API server and records what happened.</summary>
internal static class EscapeAttempt
{
    /// <summary>Creates the pod an UPDATE or ephemeral-container attempt starts from (a CREATE needs none).</summary>
    public static async Task PrepareAsync(Kubernetes tenant, EscapeCase escape, string podName)
    {
        if (escape.Route == EscapeRoute.Create)
        {
            return;
        }

        var (old, _) = escape.Pods();
        old!.Metadata.Name = podName;
        await tenant.CoreV1.CreateNamespacedPodAsync(old, AdmissionFixtures.Tenant);
    }

    /// <summary>Runs the attempt: the HTTP status (201/200 when it went through) and the message.</summary>
    public static async Task<(HttpStatusCode Status, string Message, V1Pod? Stored)> RunAsync(Kubernetes tenant, EscapeCase escape, string podName)
    {
        try
        {
            var stored = escape.Route switch
            {
                EscapeRoute.Create => await CreateAsync(tenant, escape, podName),
                EscapeRoute.Update => await UpdateAsync(tenant, escape, podName, (pod, client) => client.CoreV1.ReplaceNamespacedPodAsync(pod, podName, AdmissionFixtures.Tenant)),
                _ => await UpdateAsync(tenant, escape, podName, (pod, client) => client.CoreV1.ReplaceNamespacedPodEphemeralcontainersAsync(pod, podName, AdmissionFixtures.Tenant)),
            };
            return (HttpStatusCode.OK, string.Empty, stored);
        }
        catch (HttpOperationException exception)
        {
            var message = JsonNode.Parse(exception.Response.Content)?["message"]?.GetValue<string>() ?? exception.Response.Content;
            return (exception.Response.StatusCode, message, null);
        }
    }

    private static async Task<V1Pod> CreateAsync(Kubernetes tenant, EscapeCase escape, string podName)
    {
        var (_, pod) = escape.Pods();
        pod.Metadata.Name = podName;
        return await tenant.CoreV1.CreateNamespacedPodAsync(pod, AdmissionFixtures.Tenant);
    }

    private static async Task<V1Pod> UpdateAsync(Kubernetes tenant, EscapeCase escape, string podName, Func<V1Pod, Kubernetes, Task<V1Pod>> write)
    {
        var pod = await tenant.CoreV1.ReadNamespacedPodAsync(podName, AdmissionFixtures.Tenant);
        escape.Change(pod);
        return await write(pod, tenant);
    }
}
