/**
 * Validation of CR-BIO documents against the ANS conformance material: {@code CDA_extended.xsd}, the ISO
 * Schematron profiles (structuration minimale, IHE, CI-SIS modèles de contenus, modèles ANS, terminologies) and
 * the CR-BIO volet schematron, compiled once on Saxon-HE.
 *
 * <pre>{@code
 * CrBioValidator validator = CrBioValidator.using(ConformancePackage.at(dir));
 * ValidationReport report = validator.validate(Path.of("cr-bio.xml"));
 * System.out.println(report.toJson());
 * }</pre>
 */
package fr.segurbio.cda.validation;
