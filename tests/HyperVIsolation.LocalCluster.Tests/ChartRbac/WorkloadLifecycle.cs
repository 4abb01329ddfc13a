namespace HyperVIsolation.LocalCluster.Tests.ChartRbac;

/// <summary>
/// A full workload lifecycle driven with the real kubectl as a user would (config/samples applied, waited for,
/// scaled, updated, deleted; the policy changed and removed; an administrator's edit of an operator RuntimeClass
/// undone; the last workloads deleted and their RuntimeClasses cleaned up), each step waiting until the operator
/// and the node agents carried it out. Stops at the first Forbidden answered to the chart's service accounts, and
/// otherwise throws naming the step and kubectl's output when one does not complete.
/// </summary>
internal sealed class WorkloadLifecycle(ChartRbacCluster cluster)
{
    private const string Tenant = "tenant-untrusted";
    private const string Workload = "nanoserver-web";
    private const string Selector = "app.kubernetes.io/name=nanoserver-web";
    private const string ManagedBy = "app.kubernetes.io/managed-by=hyperv-isolation";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);
    private readonly List<string> transcript = [];

    /// <summary>Runs every step; returns the kubectl transcript.</summary>
    public async Task<string> RunAsync()
    {
        await StepAsync("apply", "-k", "config/samples");
        await WaitAsync("-n", Tenant, "wait", "isolatedworkloads", "--all", "--for=condition=Ready");

        await StepAsync("-n", Tenant, "scale", $"isolatedworkload/{Workload}", "--replicas=3");
        await WaitAsync("-n", Tenant, "wait", $"isolatedworkload/{Workload}", "--for=jsonpath={.status.readyReplicas}=3");

        await StepAsync("-n", Tenant, "patch", $"isolatedworkload/{Workload}", "--type=merge", "-p", """{"spec":{"template":{"labels":{"tier":"web"}}}}""");
        var generation = (await cluster.KubectlAsync("-n", Tenant, "get", $"isolatedworkload/{Workload}", "-o", "jsonpath={.metadata.generation}")).Output.Trim();
        await WaitAsync("-n", Tenant, "wait", $"isolatedworkload/{Workload}", $"--for=jsonpath={{.status.observedGeneration}}={generation}");
        await WaitAsync("-n", Tenant, "wait", $"isolatedworkload/{Workload}", "--for=condition=Ready");
        await UntilAsync("every pod carries the updated template", async () =>
            (await cluster.KubectlAsync("-n", Tenant, "get", "pods", "-l", Selector, "-o", "jsonpath={.items[*].metadata.labels.tier}")).Output.Trim() == "web web web");

        await StepAsync("-n", Tenant, "delete", $"isolatedworkload/{Workload}");
        await UntilAsync("the workload's pods are gone", async () =>
            (await cluster.KubectlAsync("-n", Tenant, "get", "pods", "-l", Selector, "-o", "name")).Output.Trim().Length == 0);

        await StepAsync("patch", "isolationpolicy/untrusted-tenants", "--type=merge", "-p", """{"spec":{"allowIngressFrom":{"matchLabels":{"example.com/ingress":"allowed"}},"blockInstanceMetadata":false}}""");
        await UntilAsync("the deny-cross-namespace NetworkPolicy admits the new namespaces", async () =>
            (await cluster.KubectlAsync("-n", Tenant, "get", "networkpolicy/hyperv-isolation-deny-cross-namespace", "-o", "json")).Output.Contains("example.com/ingress", StringComparison.Ordinal));

        // The operator, not the garbage collector, removes a NetworkPolicy whose field was turned off.
        await UntilAsync("the operator deletes the instance metadata NetworkPolicy", async () =>
            (await cluster.KubectlAsync("-n", Tenant, "get", "networkpolicies", "-o", "name")).Output.Trim() == "networkpolicy.networking.k8s.io/hyperv-isolation-deny-cross-namespace");

        var runtimeClass = (await cluster.KubectlAsync("get", "runtimeclasses", "-l", ManagedBy, "-o", "jsonpath={.items[0].metadata.name}")).Output.Trim();
        await StepAsync("patch", $"runtimeclass/{runtimeClass}", "--type=merge", "-p", """{"scheduling":{"nodeSelector":{"example.com/edited":"by-hand"}}}""");
        await UntilAsync("the operator restores its RuntimeClass", async () =>
            !(await cluster.KubectlAsync("get", $"runtimeclass/{runtimeClass}", "-o", "json")).Output.Contains("example.com/edited", StringComparison.Ordinal));

        await StepAsync("delete", "-f", "config/samples/untrusted-tenant-policy.yaml");
        await UntilAsync("the policy's NetworkPolicies are removed", async () =>
            (await cluster.KubectlAsync("-n", Tenant, "get", "networkpolicies", "-o", "name")).Output.Trim().Length == 0);

        await StepAsync("-n", Tenant, "delete", "isolatedworkloads", "--all");
        await UntilAsync("the operator deletes its unused RuntimeClasses", async () =>
            (await cluster.KubectlAsync("get", "runtimeclasses", "-l", ManagedBy, "-o", "name")).Output.Trim().Length == 0);
        return string.Join('\n', transcript);
    }

    private async Task StepAsync(params string[] arguments)
    {
        var (exitCode, output) = await cluster.KubectlAsync(arguments);
        transcript.Add($"$ kubectl {string.Join(' ', arguments)}\n{output}");
        exitCode.Should().Be(0, string.Join('\n', transcript));
    }

    // kubectl wait in short rounds, so a Forbidden stops the run at once instead of after the whole wait.
    private async Task WaitAsync(params string[] arguments)
    {
        var last = string.Empty;
        await UntilAsync($"kubectl {string.Join(' ', arguments)}", async () =>
        {
            var (exitCode, output) = await cluster.KubectlAsync([.. arguments, "--timeout=10s"]);
            last = output;
            return exitCode == 0;
        });
        transcript.Add(last);
    }

    private async Task UntilAsync(string what, Func<Task<bool>> done)
    {
        var deadline = DateTimeOffset.UtcNow + StepTimeout;
        while (!await done())
        {
            var denials = cluster.Server.Authorizations.Denials
                .Select(d => $"{d.User} cannot {d.Request.Verb} {d.Request.CombinedResource} ({d.Request.ApiGroup}) in '{d.Request.Namespace}'").Distinct().ToList();
            if (denials.Count > 0)
            {
                throw new InvalidOperationException($"Forbidden while waiting until {what}:\n{string.Join('\n', denials)}\n{string.Join('\n', transcript)}");
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {StepTimeout}: {what}\n{string.Join('\n', transcript)}");
            }

            await Task.Delay(500);
        }

        transcript.Add($"(done: {what})");
    }
}
