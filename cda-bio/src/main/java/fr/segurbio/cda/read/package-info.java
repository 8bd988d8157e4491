/**
 * Reading CR-BIO documents back into the model ({@link fr.segurbio.cda.read.CrBioReader}) and merging a
 * subcontracting lab's report into the lab's own ({@link fr.segurbio.cda.read.CrBioMerger}).
 *
 * <pre>{@code
 * ReadDocument doc = CrBioReader.create().read(Path.of("cr-bio.xml"));
 * CrBioReport merged = CrBioMerger.merge(doc.report(), Files.readAllBytes(Path.of("subcontractor.xml")));
 * }</pre>
 */
package fr.segurbio.cda.read;
