using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>Registers the one <see cref="VmSizer"/> the webhook and the policy audit share, so both size a pod alike.</summary>
internal static class VmSizerRegistration
{
    /// <summary>Adds <see cref="GuestOsFootprints"/> and <see cref="VmSizer"/> unless already registered.</summary>
    public static IServiceCollection AddVmSizer(this IServiceCollection services)
    {
        services.TryAddSingleton(new GuestOsFootprints());
        services.TryAddSingleton(provider => new VmSizer(provider.GetRequiredService<GuestOsFootprints>()));
        return services;
    }
}
