using System.CommandLine;

namespace HyperVIsolation.Operator.Cli;

/// <summary>Options that take a file or directory path, refusing a blank one.</summary>
internal static class PathOptions
{
    /// <summary>An option named <paramref name="name"/> whose value must be a non-blank path.</summary>
    public static Option<string> Create(string name, string helpName, string description, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{name} needs a {helpName}, not a blank value.");
            }
        });
        return option;
    }
}
