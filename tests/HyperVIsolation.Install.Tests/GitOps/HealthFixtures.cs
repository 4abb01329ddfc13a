namespace HyperVIsolation.Install.Tests.GitOps;

/// <summary>
/// Objects as the operator leaves them (kstatus conditions, observedGeneration), each with the Argo
/// CD health its check must report and a part of the message.
/// </summary>
public static class HealthFixtures
{
    public const string WorkloadCheck = "charts/hyperv-isolation/docs/argocd/isolatedworkload-health.lua";
    public const string PolicyCheck = "charts/hyperv-isolation/docs/argocd/isolationpolicy-health.lua";

    public static TheoryData<string, string, string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, string, string>();
            foreach (var (name, check, status, message) in All)
            {
                cases.Add(name, check, status, message);
            }

            return cases;
        }
    }

    private static IEnumerable<(string Name, string Check, string Status, string Message)> All =>
    [
        ("workload-ready", WorkloadCheck, "Healthy", "2/2 pods ready"),
        ("workload-reconciling", WorkloadCheck, "Progressing", "creating pods"),
        ("workload-stalled", WorkloadCheck, "Degraded", "no Hyper-V-ready node runs 10.0.20348"),
        ("workload-older-generation", WorkloadCheck, "Progressing", "generation 3"),
        ("workload-no-status", WorkloadCheck, "Progressing", "Waiting for the operator"),
        ("workload-not-ready-yet", WorkloadCheck, "Progressing", "Waiting for the workload to become Ready"),
        ("policy-ready", PolicyCheck, "Healthy", "covers 3 namespaces"),
        ("policy-not-ready", PolicyCheck, "Progressing", "waiting for the webhook"),
        ("policy-stalled", PolicyCheck, "Degraded", "selector matches no namespace"),
        ("policy-older-generation", PolicyCheck, "Progressing", "generation 5"),
        ("policy-no-status", PolicyCheck, "Healthy", "No status reported"),
    ];

    public static string Object(string name) => name switch
    {
        "workload-ready" => Workload(2, """
            observedGeneration: 2
            replicas: 2
            readyReplicas: 2
            conditions:
              - {type: Ready, status: "True", reason: Ready, message: 2/2 pods ready, observedGeneration: 2}
              - {type: Reconciling, status: "False", reason: Ready, message: ""}
              - {type: Stalled, status: "False", reason: Ready, message: ""}
            """),
        "workload-reconciling" => Workload(2, """
            observedGeneration: 2
            conditions:
              - {type: Ready, status: "False", reason: Progressing, message: 1/2 pods ready}
              - {type: Reconciling, status: "True", reason: Progressing, message: creating pods (1/2 ready)}
            """),
        "workload-stalled" => Workload(2, """
            observedGeneration: 2
            conditions:
              - {type: Ready, status: "False", reason: NoCompatibleNodes, message: not ready}
              - {type: Reconciling, status: "True", reason: NoCompatibleNodes, message: waiting}
              - {type: Stalled, status: "True", reason: NoCompatibleNodes, message: no Hyper-V-ready node runs 10.0.20348}
            """),
        "workload-older-generation" => Workload(3, """
            observedGeneration: 2
            conditions:
              - {type: Ready, status: "True", reason: Ready, message: 2/2 pods ready}
            """),
        "workload-no-status" => Workload(1, null),
        "workload-not-ready-yet" => Workload(1, """
            observedGeneration: 1
            conditions:
              - {type: Ready, status: "False", reason: Pending, message: 0/1 pods ready}
            """),
        "policy-ready" => Policy(4, """
            observedGeneration: 4
            coveredNamespaces: 3
            conditions:
              - {type: Ready, status: "True", reason: Ready, message: covers 3 namespaces}
            """),
        "policy-not-ready" => Policy(4, """
            observedGeneration: 4
            conditions:
              - {type: Ready, status: "False", reason: Pending, message: waiting for the webhook}
            """),
        "policy-stalled" => Policy(4, """
            observedGeneration: 4
            conditions:
              - {type: Ready, status: "False", reason: NoNamespaces, message: not ready}
              - {type: Stalled, status: "True", reason: NoNamespaces, message: selector matches no namespace}
            """),
        "policy-older-generation" => Policy(5, """
            observedGeneration: 4
            conditions:
              - {type: Ready, status: "True", reason: Ready, message: covers 3 namespaces}
            """),
        "policy-no-status" => Policy(1, null),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such fixture"),
    };

    private static string Workload(int generation, string? status) => Document("IsolatedWorkload", "metadata:\n  name: web\n  namespace: tenant-a", generation, status);

    private static string Policy(int generation, string? status) => Document("IsolationPolicy", "metadata:\n  name: untrusted", generation, status);

    private static string Document(string kind, string metadata, int generation, string? status)
    {
        var document = $"apiVersion: isolation.hyperv.dev/v1alpha1\nkind: {kind}\n{metadata}\n  generation: {generation}\nspec: {{}}\n";
        return status is null ? document : document + "status:\n" + string.Join('\n', status.Split('\n').Select(line => "  " + line)) + "\n";
    }
}
