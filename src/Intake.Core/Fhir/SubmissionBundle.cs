using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;

namespace Intake.Core.Fhir;

/// <summary>
/// A stored submission as a FHIR R4 Bundle of type <c>collection</c> (api-2.md,
/// <c>GET /api/submissions/{id}/fhir</c>): the Patient, the QuestionnaireResponse of its answers,
/// for a referral the referrer (PractitionerRole, Practitioner, Organization), the ResearchStudy
/// NCT03737695 with the person's ResearchSubject, and the pre-check as Observations: one per
/// criterion and one for the result (docs/fhir.md says why this form). Entries' fullUrls are
/// <c>urn:uuid:</c>s derived from the submission's id, the same on every read.
/// </summary>
public static class SubmissionBundle
{
    /// <summary>The ResearchSubject status of each team status (api-2.md).</summary>
    public static ResearchSubject.ResearchSubjectStatus StatusOf(TeamStatus status) => status switch
    {
        TeamStatus.New => ResearchSubject.ResearchSubjectStatus.PotentialCandidate,
        TeamStatus.Contacted => ResearchSubject.ResearchSubjectStatus.Candidate,
        TeamStatus.Scheduled => ResearchSubject.ResearchSubjectStatus.PendingOnStudy,
        TeamStatus.Enrolled => ResearchSubject.ResearchSubjectStatus.OnStudy,
        TeamStatus.NotEligible => ResearchSubject.ResearchSubjectStatus.Ineligible,
        TeamStatus.Declined or TeamStatus.Unreachable => ResearchSubject.ResearchSubjectStatus.NotRegistered,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A team status without a ResearchSubject status."),
    };

    /// <summary>Builds the Bundle of <paramref name="file"/>.</summary>
    public static Bundle Build(SubmissionFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var s = file.Submission;
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = s.ReceivedAt };
        var patientUrl = UrlOf(s.Id, "Patient");
        var responseUrl = UrlOf(s.Id, "QuestionnaireResponse");
        var studyUrl = UrlOf(s.Id, "ResearchStudy");
        var patientReference = new ResourceReference(patientUrl);

        bundle.Entry.Add(Entry(patientUrl, PatientOf(file.Contact, s.Answers.DateOfBirth)));
        bundle.Entry.Add(Entry(responseUrl, new QuestionnaireResponse
        {
            Questionnaire = FhirCanonical.QuestionnaireReference,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = patientReference,
            Authored = s.ReceivedAt.ToString("o", CultureInfo.InvariantCulture),
            Item = FhirAnswers.ItemsOf(s.Answers, s.Kind),
        }));
        if (file.Referrer is { } referrer)
        {
            var practitionerUrl = UrlOf(s.Id, "Practitioner");
            var organizationUrl = UrlOf(s.Id, "Organization");
            bundle.Entry.Add(Entry(UrlOf(s.Id, "PractitionerRole"), new PractitionerRole
            {
                Practitioner = new ResourceReference(practitionerUrl),
                Organization = new ResourceReference(organizationUrl),
            }));
            bundle.Entry.Add(Entry(practitionerUrl, new Practitioner
            {
                Name = [new HumanName { Text = referrer.Name }],
                Telecom = TelecomOf(referrer.Email, referrer.Phone),
            }));
            bundle.Entry.Add(Entry(organizationUrl, new Organization { Name = referrer.Institution }));
        }
        var studyIdentifier = new Identifier(FhirCanonical.StudyIdentifierSystem, FhirCanonical.StudyIdentifier);
        bundle.Entry.Add(Entry(studyUrl, new ResearchStudy
        {
            Identifier = [studyIdentifier],
            Title = "Registry of metastatic breast cancer: demographics, clinical and histopathological data, blood and tissue (Mayo Clinic, Rochester)",
            Status = ResearchStudy.ResearchStudyStatus.Active,
        }));
        bundle.Entry.Add(Entry(UrlOf(s.Id, "ResearchSubject"), new ResearchSubject
        {
            Status = StatusOf(s.TeamStatus),
            Study = new ResourceReference(studyUrl) { Identifier = studyIdentifier },
            Individual = patientReference,
        }));
        if (s.Precheck is { } precheck)
        {
            AddPrecheck(bundle, s, precheck, patientReference, new ResourceReference(responseUrl));
        }
        return bundle;
    }

    private static void AddPrecheck(Bundle bundle, Submission s, Precheck precheck, ResourceReference patient, ResourceReference response)
    {
        var criteria = new List<(string Url, Observation Observation)>();
        foreach (var criterion in precheck.Criteria)
        {
            var observation = PrecheckObservation(criterion.Id, RuleSet.Nct03737695.Criteria.FirstOrDefault(c => c.Id == criterion.Id)?.ProtocolText,
                precheck, s, patient, response);
            observation.Value = Concept(ServiceCodeSystems.Outcome, criterion.Outcome.ToString(), precheck.RulesetVersion);
            observation.Note = [new Annotation { Text = criterion.Reason }];
            criteria.Add((UrlOf(s.Id, $"Observation/{criterion.Id}"), observation));
        }
        var result = PrecheckObservation(ServiceCodeSystems.ResultCode, "Pre-check result", precheck, s, patient, response);
        result.Value = Concept(ServiceCodeSystems.Result, precheck.Result.ToString(), precheck.RulesetVersion);
        if (precheck.Priority is { } priority)
        {
            result.Component.Add(new Observation.ComponentComponent
            {
                Code = Concept(ServiceCodeSystems.Precheck, ServiceCodeSystems.PriorityCode, precheck.RulesetVersion, "Routing priority"),
                Value = Concept(ServiceCodeSystems.Priority, priority.ToString(), precheck.RulesetVersion),
            });
        }
        if (precheck.CollectionSource is { } source)
        {
            result.Component.Add(new Observation.ComponentComponent
            {
                Code = Concept(ServiceCodeSystems.Precheck, ServiceCodeSystems.CollectionSourceCode, precheck.RulesetVersion, "Collection source"),
                Value = new CodeableConcept { Coding = [FhirAnswers.CodingOf(typeof(Site), JsonEnum<Site>.Name(source))] },
            });
        }
        result.HasMember = criteria.Select(c => new ResourceReference(c.Url)).ToList();
        bundle.Entry.Add(Entry(UrlOf(s.Id, "Observation/result"), result));
        foreach (var (url, observation) in criteria)
        {
            bundle.Entry.Add(Entry(url, observation));
        }
    }

    private static Observation PrecheckObservation(string code, string? display, Precheck precheck, Submission s, ResourceReference patient, ResourceReference response) => new()
    {
        Status = ObservationStatus.Final,
        Code = Concept(ServiceCodeSystems.Precheck, code, precheck.RulesetVersion, display),
        Subject = patient,
        Effective = new FhirDateTime(precheck.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Issued = s.EvaluatedAt,
        Method = new CodeableConcept { Text = $"Pre-check rule set {precheck.RulesetVersion}" },
        DerivedFrom = [response],
    };

    private static CodeableConcept Concept(string system, string code, string version, string? display = null) => new()
    {
        Coding = [new Coding(FhirCanonical.CodeSystemUrl(system), code, display) { Version = version }],
    };

    private static Patient PatientOf(Contact contact, DateOnly? dateOfBirth)
    {
        var patient = new Patient
        {
            Name = [new HumanName { Text = contact.Name }],
            Telecom = TelecomOf(contact.Email, contact.Phone),
            BirthDate = dateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (contact.PreferredLanguage is { } language)
        {
            patient.Communication.Add(new Patient.CommunicationComponent
            {
                Language = new CodeableConcept(FhirCanonical.LanguageSystem, language),
                Preferred = true,
            });
        }
        return patient;
    }

    private static List<ContactPoint> TelecomOf(string? email, string? phone)
    {
        var telecom = new List<ContactPoint>();
        if (email is not null)
        {
            telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email));
        }
        if (phone is not null)
        {
            telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        }
        return telecom;
    }

    private static Bundle.EntryComponent Entry(string fullUrl, Resource resource) => new() { FullUrl = fullUrl, Resource = resource };

    /// <summary>A <c>urn:uuid:</c> for one part of a submission, derived from its id (a name-based UUID, version 8).</summary>
    private static string UrlOf(string submissionId, string part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{submissionId}/{part}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
