using Microsoft.Extensions.Options;

namespace Scheduler.Silo;

/// <summary>Binds and validates settings the host needs before it is built (ports, cluster ids).</summary>
internal static class StartupOptions
{
    /// <summary>
    /// Binds <paramref name="section"/> and validates it; a value that does not convert or does not validate
    /// becomes an <see cref="OptionsValidationException"/> whose message names the setting.
    /// </summary>
    public static T Load<T>(IConfiguration configuration, string section, IValidateOptions<T> validator)
        where T : class, new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the path (e.g. 'Orleans:SiloPort'); the inner exception adds nothing.
            throw new OptionsValidationException(section, typeof(T), [ex.Message]);
        }

        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(section, typeof(T), result.Failures);
        }

        return options;
    }
}
