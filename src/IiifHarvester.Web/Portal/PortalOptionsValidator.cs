using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Portal;

/// <summary>Checks every viewer link template and the limits, reporting all problems at once.</summary>
internal sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ViewerLinks.Count; i++)
        {
            var link = options.ViewerLinks[i];
            if (string.IsNullOrWhiteSpace(link.Name))
            {
                failures.Add($"Portal:ViewerLinks:{i}:Name is empty.");
            }

            var probe = link.Template.Replace("{contentState}", "x", StringComparison.Ordinal).Replace("{manifest}", "x", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"Portal:ViewerLinks:{i}:Template '{link.Template}' is not an absolute http or https URL.");
            }
            else if (!link.Template.Contains("{contentState}", StringComparison.Ordinal) && !link.Template.Contains("{manifest}", StringComparison.Ordinal))
            {
                failures.Add($"Portal:ViewerLinks:{i}:Template '{link.Template}' has neither {{contentState}} nor {{manifest}}.");
            }
        }

        if (options.SnippetsPerObject is < 0 or > 20)
        {
            failures.Add($"Portal:SnippetsPerObject must be between 0 and 20 (was {options.SnippetsPerObject}).");
        }

        if (options.FeedEntries is < 1 or > 500)
        {
            failures.Add($"Portal:FeedEntries must be between 1 and 500 (was {options.FeedEntries}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
