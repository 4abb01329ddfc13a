using System.Globalization;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Admission.Mutation;
using HyperVIsolation.Operator.Admission.Review;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using Microsoft.Extensions.DependencyInjection;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// Thread CPU per stage of the pod paths (<c>webhook inproc --stages</c>): the bare tokenizer over the validate body (what
/// reading cost before skipped members were scanned instead) and <see cref="JsonContainerEnd"/> over it, the envelope
/// alone and with the pod, the policy lookup, the rules, the mutator and patch.
/// </summary>
internal static class HandlerStageBenchmark
{
    /// <summary>Prints one line per stage.</summary>
    public static void Run(IServiceProvider services, byte[] validateBody, byte[] mutateBody, int iterations)
    {
        var state = services.GetRequiredService<IAdmissionState>();
        var sizer = services.GetRequiredService<VmSizer>();
        var reviews = services.GetRequiredService<AdmissionReviewReader>();
        var pod = reviews.Read(validateBody, readPods: true)!.Request!.ObjectPod!.Pod!;
        var submitted = reviews.Read(mutateBody, readPods: true)!.Request!.ObjectPod!.Pod!;
        var covering = PolicyScope.Covering(state.Policies, state.NamespaceLabels(PodReviews.Namespace));
        Stage("raw token scan (validate body)", iterations, () =>
        {
            var reader = new System.Text.Json.Utf8JsonReader(validateBody);
            var count = 0;
            while (reader.Read())
            {
                count++;
            }

            return count;
        });
        Stage("container end scan, no tokens (validate body)", iterations, () => JsonContainerEnd.Find(validateBody, 0));
        Stage("envelope only (validate body)", iterations, () => reviews.Read(validateBody));
        Stage("envelope + pod (validate body)", iterations, () => reviews.Read(validateBody, readPods: true));
        Stage("envelope + pod (mutate body)", iterations, () => reviews.Read(mutateBody, readPods: true));
        Stage("covering policies", iterations, () => PolicyScope.Covering(state.Policies, state.NamespaceLabels(PodReviews.Namespace)));
        Stage("rules (validate)", iterations, () => PodIsolationRules.Evaluate(new PodAdmissionInput(AdmissionOperation.Create, PodReviews.Namespace, pod, null, null, covering, state.RuntimeClasses, sizer)));
        var review = reviews.Read(validateBody, readPods: true)!.Request!;
        Stage("validate reviewer", iterations, () => new PodValidationReviewer(state, sizer, []).Review(review));
        var handler = services.GetRequiredService<AdmissionReviewHandler>();
        Stage("validate handler", iterations, () =>
        {
            using var output = new PooledBufferWriter();
            return handler.Handle(validateBody, AdmissionEndpoint.ValidatePods, output);
        });
        Stage("mutator + patch (mutate)", iterations, () => JsonPatchOperation.Serialize(PodIsolationMutator.Mutate(submitted, new PodMutationContext(covering, state.RuntimeClasses, state.ReadyNodeBuilds, sizer))));
    }

    private static void Stage(string name, int iterations, Func<object?> action)
    {
        for (var i = 0; i < 5_000; i++)
        {
            action();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuClock.Now();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        var spent = ThreadCpuClock.Now() - cpu;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {(spent is { } s ? (s.TotalMicroseconds / iterations).ToString("F1", CultureInfo.InvariantCulture) : "n/a")} | {bytes:N0} |"));
    }
}
