using System.CommandLine;

namespace HyperVIsolation.Operator.Cli;

/// <summary>
/// Options that take a file or directory path. A blank value is refused, and so is one that starts with '-':
/// System.CommandLine would take <c>--output --chart x</c> as the output directory <c>--chart</c>, which is
/// always a forgotten value, never a wanted path (<c>./-name</c> still reaches such a file).
/// </summary>
public static class PathOption
{
    /// <summary>An option named <paramref name="name"/> whose value must be a path.</summary>
    /// <param name="name">The option's name, for example <c>--output</c>.</param>
    /// <param name="helpName">What the value is, for help and errors: <c>dir</c>, <c>path</c>.</param>
    /// <param name="description">The help text.</param>
    /// <param name="aliases">Other names, for example <c>-o</c>.</param>
    /// <returns>The option.</returns>
    public static Option<string> Create(string name, string helpName, string description, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value))
            {
                result.AddError($"{name} needs a <{helpName}>, not a blank value.");
            }
            else if (value.StartsWith('-'))
            {
                result.AddError($"{name} needs a <{helpName}>, not the option '{value}' (write ./{value} for a path that starts with '-').");
            }
        });
        return option;
    }
}
