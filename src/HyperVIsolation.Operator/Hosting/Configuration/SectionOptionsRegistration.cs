using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting.Configuration;

/// <summary>Registers options bound from one configuration section and validated at start-up.</summary>
internal static class SectionOptionsRegistration
{
    /// <summary>
    /// Call once per options type. Binds <typeparamref name="TOptions"/> from <paramref name="sectionName"/> with the configuration binder (durations
    /// also as <c>15s</c>), validates it with <paramref name="rules"/> on start (<c>ValidateOnStart</c>) and on first use,
    /// and reports unreadable values and unknown keys with the rules' findings. A section holding a value the binder
    /// cannot convert is not bound at all, so the validation, not a binder exception naming only the first bad value,
    /// reports it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSectionOptions<TOptions>(
        this IServiceCollection services, string sectionName, Func<TOptions, IEnumerable<string>> rules)
        where TOptions : class
    {
        GoDurationConverter.Register();
        services.AddSingleton<IValidateOptions<TOptions>>(
            provider => new SectionOptionsValidator<TOptions>(provider.GetRequiredService<IConfiguration>(), sectionName, rules));
        return services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (ConfigurationSectionCheck.CanBind(configuration, sectionName, typeof(TOptions)))
                {
                    configuration.GetSection(sectionName).Bind(options);
                }
            })
            .ValidateOnStart();
    }
}
