package fr.segurbio.transport;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.w3c.dom.Element;

import fr.segurbio.core.Problem;

/**
 * A SOAP 1.2 fault returned by the remote service: its code ({@code Sender}/{@code Receiver}…), its subcodes
 * (the service's own codes, such as INSi's {@code siram_100}), its reason and its detail element.
 *
 * <pre>{@code
 * try {
 *     insi.call(request);
 * } catch (SoapFaultException fault) {
 *     fault.faultCode().getLocalPart();          // "Sender"
 *     fault.subcodes().get(0).getLocalPart();    // "siram_100"
 *     fault.reason();                            // "L'accès par ce progiciel au service n'est pas autorisé"
 *     fault.detail().ifPresent(d -> ...);        // <soap:Detail> with siram:Erreur inside
 * }
 * }</pre>
 */
public class SoapFaultException extends RemoteServiceException {

    private static final long serialVersionUID = 1L;

    private final QName faultCode;
    private final List<QName> subcodes;
    private final String reason;
    private final Map<String, String> reasons;
    private final transient Element detail;

    /**
     * A fault.
     *
     * @param service the service name
     * @param status the HTTP status (500 usually)
     * @param contentType the answer's Content-Type
     * @param firstBytes the beginning of the answer
     * @param faultCode the {@code Code/Value}
     * @param subcodes the nested {@code Subcode/Value}s, outermost first
     * @param reasons the {@code Reason/Text}s by language ({@code ""} when none is declared)
     * @param detail the {@code Detail} element, or {@code null}
     */
    public SoapFaultException(String service, int status, String contentType, String firstBytes, QName faultCode,
            List<QName> subcodes, Map<String, String> reasons, Element detail) {
        super(List.of(Problem.of(TransportError.SOAP_FAULT, "", service,
                        codes(faultCode, subcodes), firstReason(reasons))),
                service, status, contentType, firstBytes, subcodes.stream().map(QName::getLocalPart).toList());
        this.faultCode = faultCode;
        this.subcodes = List.copyOf(subcodes);
        this.reasons = Map.copyOf(reasons);
        this.reason = firstReason(reasons);
        this.detail = detail;
    }

    private static String codes(QName code, List<QName> subcodes) {
        StringBuilder b = new StringBuilder(code.getLocalPart());
        subcodes.forEach(s -> b.append('/').append(s.getLocalPart()));
        return b.toString();
    }

    private static String firstReason(Map<String, String> reasons) {
        if (reasons.containsKey("fr")) {
            return reasons.get("fr");
        }
        return reasons.values().stream().findFirst().orElse("");
    }

    /**
     * The fault code ({@code env:Sender}, {@code env:Receiver}, {@code env:VersionMismatch},
     * {@code env:MustUnderstand} or {@code env:DataEncodingUnknown}).
     *
     * @return the code
     */
    public QName faultCode() {
        return faultCode;
    }

    /**
     * The subcodes, outermost first: the service's own codes.
     *
     * @return the subcodes
     */
    public List<QName> subcodes() {
        return subcodes;
    }

    /**
     * The reason: the French text when there is one, else the first.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /**
     * Every reason text by language ({@code xml:lang}; {@code ""} when none is declared).
     *
     * @return the reasons
     */
    public Map<String, String> reasons() {
        return reasons;
    }

    /**
     * The {@code Detail} element, detached from the response (its own document).
     *
     * @return the detail, when the fault has one
     */
    public Optional<Element> detail() {
        return Optional.ofNullable(detail);
    }
}
