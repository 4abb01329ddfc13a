using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Faults;

/// <summary>
/// The request handler's view of the fault injector, which only exists once the server (that it
/// can restart) does; until then no faults apply.
/// </summary>
public sealed class FaultInjectorSlot
{
    /// <summary>The injector, once the server is built.</summary>
    public FaultInjector? Target { get; set; }

    /// <summary>Waits any injected latency; returns the error to answer with, if this request should fail.</summary>
    internal Task<(ApiException Error, int RetryAfterSeconds)?> BeforeRequestAsync(string verb, string resource, CancellationToken cancellationToken) =>
        Target?.BeforeRequestAsync(verb, resource, cancellationToken) ?? Task.FromResult<(ApiException, int)?>(null);
}
