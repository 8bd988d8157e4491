package fr.segurbio.cda.internal.cda.read;

import java.util.Locale;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.internal.Bilingual;
import fr.segurbio.cda.read.CdaReadError;
import fr.segurbio.core.Problem;

/**
 * Keeps what the model has no field for: an element the CDA schema allows at its place after what the writer writes
 * there becomes a {@link CdaExtension} of the report (notice {@code CDA-617}), written back by a re-write; any other
 * is listed as not kept ({@code CDA-616}, with the reason). Never dropped silently.
 *
 * <pre>{@code
 * Extensions.keep(in, dataEnterer, CdaExtension.Place.HEADER, builder, "dataEnterer");
 * }</pre>
 */
final class Extensions {

    private Extensions() {
    }

    /**
     * Keeps an element as an extension, or lists it as not kept.
     *
     * @param in the reading
     * @param n the element
     * @param place where it is
     * @param b the report being read
     * @param what what the element is, for the notice
     */
    static void keep(CdaIn in, Node n, CdaExtension.Place place, CrBioReport.Builder b, String what) {
        CdaExtension e;
        try {
            e = CdaExtension.of(place, n.toXml());
        } catch (CdaException refused) {
            Problem why = refused.problems().get(0);
            in.ctx.add(Problem.of(CdaReadError.NOT_KEPT, n.xpath(),
                    Bilingual.of(what + " (" + why.message(Locale.FRENCH) + ")",
                            what + " (" + why.message(Locale.ENGLISH) + ")")));
            return;
        }
        b.extension(e);
        in.ctx.add(Problem.of(CdaReadError.KEPT_AS_EXTENSION, n.xpath(), what));
    }
}
