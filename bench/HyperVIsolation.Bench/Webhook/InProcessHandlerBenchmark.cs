using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Review;
using Microsoft.Extensions.DependencyInjection;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// <c>webhook inproc [--iterations N] [--stages]</c>: <c>AdmissionReviewHandler.Handle</c> called directly on the
/// operator host's own handler (its informer-backed state), without HTTP, so per-request CPU time and allocations
/// of the webhook's code are measured apart from Kestrel and TLS.
/// </summary>
internal static class InProcessHandlerBenchmark
{
    /// <summary>The <c>inproc</c> command with its options and action.</summary>
    public static Command CreateCommand(string repositoryRoot)
    {
        var iterations = PositiveOption.Create("--iterations", 20_000, "Requests timed per endpoint (after a warm-up of at least 30,000 of each).");
        var stages = new Option<bool>("--stages") { Description = "Also measure the CPU time and allocations of each stage of the handler." };
        var command = new Command("inproc", "The admission handler called directly on the operator host's own state, without HTTP.")
        {
            iterations, stages,
        };
        command.SetAction(result => RunAsync(result.GetValue(iterations), result.GetValue(stages), repositoryRoot));
        return command;
    }

    private static async Task<int> RunAsync(int iterations, bool stages, string repositoryRoot)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var target = await WebhookTarget.StartAsync(repositoryRoot, stop.Token);
        var handler = target.Services.GetRequiredService<AdmissionReviewHandler>();
        var validateBody = PodReviews.CreateReview(target.StoredPod);
        var mutateBody = PodReviews.CreateReview(PodReviews.Submitted("web-0"));
        Console.WriteLine($"Review bodies: mutate {mutateBody.Length} B, validate {validateBody.Length} B; {iterations} iterations, {Environment.ProcessorCount} processors");
        Console.WriteLine("| endpoint | µs/request | thread CPU µs/request | bytes allocated/request | gen0 GCs | response |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        // Warm up both endpoints before timing either: they share most of their code, and tiered JIT (with PGO) reaches
        // its final code only after tens of thousands of calls and a background compile; whichever endpoint went first
        // would otherwise be timed partly on unoptimised code.
        for (var i = 0; i < Math.Max(30_000, iterations / 2); i++)
        {
            Serve(handler, validateBody, AdmissionEndpoint.ValidatePods);
            Serve(handler, mutateBody, AdmissionEndpoint.MutatePods);
        }

        Measure(handler, "validate/pods", validateBody, AdmissionEndpoint.ValidatePods, iterations);
        Measure(handler, "mutate/pods", mutateBody, AdmissionEndpoint.MutatePods, iterations);
        if (stages)
        {
            Console.WriteLine();
            Console.WriteLine("| stage | thread CPU µs | bytes allocated |");
            Console.WriteLine("|---|---:|---:|");
            HandlerStageBenchmark.Run(target.Services, validateBody, mutateBody, iterations);
        }

        return 0;
    }

    private static void Measure(AdmissionReviewHandler handler, string name, byte[] body, AdmissionEndpoint endpoint, int iterations)
    {
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuClock.Now();
        var watch = Stopwatch.StartNew();
        var last = (StatusCode: 0, Length: 0);
        for (var i = 0; i < iterations; i++)
        {
            last = Serve(handler, body, endpoint);
        }

        watch.Stop();
        var cpuMicros = ThreadCpuClock.Now() - cpu is { } spent ? (spent.TotalMicroseconds / iterations).ToString("F1", CultureInfo.InvariantCulture) : "n/a";
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations;
        var micros = watch.Elapsed.TotalMicroseconds / iterations;
        var response = $"{last.StatusCode}, {last.Length} B";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {micros:F1} | {cpuMicros} | {bytes:N0} | {GC.CollectionCount(0) - gen0} | {response} |"));
    }

    /// <summary>What the endpoint does per request around the handler: a pooled response buffer, returned afterwards.</summary>
    private static (int StatusCode, int Length) Serve(AdmissionReviewHandler handler, byte[] body, AdmissionEndpoint endpoint)
    {
        using var output = new PooledBufferWriter();
        var head = handler.Handle(body, endpoint, output);
        return (head.StatusCode, output.WrittenCount);
    }
}
