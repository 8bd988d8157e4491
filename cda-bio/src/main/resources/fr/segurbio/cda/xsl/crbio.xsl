<?xml version="1.0" encoding="UTF-8"?>
<!--
  Ségur Bio SDK: self-presenting stylesheet for the CR-BIO (compte rendu d'examens de biologie médicale),
  CDA R2 level 3 (CI-SIS BIO-CR-BIO 2021.01, 2023.01, 2024.01) and level 1 (PDF in nonXMLBody).

  XSLT 1.0 only, no extension function: browsers run it on the document's xml-stylesheet processing
  instruction, and the SDK runs it with Saxon-HE (fr.segurbio.cda.html.CrBioStylesheet).
  The page shows what the PDF report shows: the lab, the patient with the INS and its qualification, the
  identity traits, the prescriber and the recipients, the specimens and dates, the results by chapter and
  sub-chapter (value, unit, reference range, interpretation, previous results, comments, subcontracting), the
  validating biologists and the document's identifiers.

  The lab's look is set with the parameters below. CrBioStylesheet.xsl(HtmlStyle) writes a copy of this
  file with the lab's values as the parameters' defaults, to publish beside the documents.

  Licence: Apache-2.0, as the rest of the SDK.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:hl7="urn:hl7-org:v3"
    xmlns:lab="urn:oid:1.3.6.1.4.1.19376.1.3.2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="hl7 lab xsi">

  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
  <xsl:strip-space elements="hl7:*"/>
  <xsl:preserve-space elements="hl7:content hl7:paragraph hl7:td hl7:th hl7:item hl7:caption hl7:text"/>

  <!-- ===================================================================================== -->
  <!-- The lab's variant (SEGUR-STYLE-PARAMETERS: CrBioStylesheet rewrites these defaults)   -->
  <!-- ===================================================================================== -->
  <!-- URL of the lab's logo (https:, a path relative to the document, or a data:image URI); empty: no logo. -->
  <xsl:param name="logo-url" select="''"/>
  <!-- Text alternative of the logo. -->
  <xsl:param name="logo-alt" select="'Logo du laboratoire'"/>
  <!-- Colour of titles and table headers (CSS colour). -->
  <xsl:param name="primary-color" select="'#1f4e79'"/>
  <!-- Colour of the light backgrounds (headers of blocks, sub-chapters). -->
  <xsl:param name="accent-color" select="'#e8f0f8'"/>
  <!-- Colour of abnormal values and flags. -->
  <xsl:param name="abnormal-color" select="'#b00020'"/>
  <!-- A line of text the lab wants at the bottom of the page (opening hours, legal mention...). -->
  <xsl:param name="footer-text" select="''"/>
  <!-- Decimal separator of displayed numbers: ',' for French readers, '.' to show the values as coded. -->
  <xsl:param name="decimal-separator" select="','"/>

  <!-- Narrative elements carrying an ID, referenced by originalText/reference and text/reference. -->
  <xsl:key name="narrative" match="hl7:*[@ID]" use="@ID"/>

  <!-- OIDs (XSLT 1.0 forbids variables in match patterns: those use the literal OIDs) -->
  <xsl:variable name="oid-ins-nir" select="'1.2.250.1.213.1.4.8'"/>
  <xsl:variable name="oid-ins-nia" select="'1.2.250.1.213.1.4.9'"/>
  <xsl:variable name="oid-ins-nir-test" select="'1.2.250.1.213.1.4.10'"/>
  <xsl:variable name="oid-ins-nir-demo" select="'1.2.250.1.213.1.4.11'"/>
  <xsl:variable name="oid-idnat-struct" select="'1.2.250.1.71.4.2.2'"/>
  <xsl:variable name="oid-idnat-ps" select="'1.2.250.1.71.4.2.1'"/>
  <xsl:variable name="oid-cofrac" select="'1.2.250.1.213.6.3.1'"/>
  <xsl:variable name="tpl-performing-lab" select="'1.3.6.1.4.1.19376.1.3.3.1.7'"/>
  <xsl:variable name="tpl-comment-fr" select="'1.2.250.1.213.1.1.3.32'"/>
  <xsl:variable name="tpl-specimen-collection" select="'1.3.6.1.4.1.19376.1.3.1.2'"/>
  <xsl:variable name="tpl-specimen-received" select="'1.3.6.1.4.1.19376.1.3.1.3'"/>
  <xsl:variable name="abnormal-codes" select="' A AA H HH HU HX L LL LU LX &lt; &gt; POS DET '"/>
  <xsl:variable name="critical-codes" select="' AA HH LL '"/>
  <xsl:variable name="columns" select="6"/>

  <!-- ===================================================================================== -->
  <!-- Document                                                                              -->
  <!-- ===================================================================================== -->

  <!-- The first ClinicalDocument found: the root, or the one inside an ANS auto-presentable file. -->
  <xsl:template match="/">
    <xsl:variable name="doc" select="(//hl7:ClinicalDocument)[1]"/>
    <html lang="fr">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="Ségur Bio SDK crbio.xsl"/>
        <title>
          <xsl:choose>
            <xsl:when test="$doc">
              <xsl:value-of select="normalize-space($doc/hl7:title)"/>
              <xsl:text> — </xsl:text>
              <xsl:apply-templates select="$doc/hl7:recordTarget/hl7:patientRole/hl7:patient" mode="short-name"/>
            </xsl:when>
            <xsl:otherwise>Document non reconnu</xsl:otherwise>
          </xsl:choose>
        </title>
        <style>
          <xsl:text>:root{--primary:</xsl:text>
          <xsl:call-template name="css-value"><xsl:with-param name="value" select="$primary-color"/></xsl:call-template>
          <xsl:text>;--accent:</xsl:text>
          <xsl:call-template name="css-value"><xsl:with-param name="value" select="$accent-color"/></xsl:call-template>
          <xsl:text>;--abnormal:</xsl:text>
          <xsl:call-template name="css-value"><xsl:with-param name="value" select="$abnormal-color"/></xsl:call-template>
          <xsl:text>}</xsl:text>
          <xsl:call-template name="css"/>
        </style>
      </head>
      <body>
        <xsl:choose>
          <xsl:when test="$doc">
            <xsl:apply-templates select="$doc"/>
          </xsl:when>
          <xsl:otherwise>
            <main class="report">
              <p class="warning">Ce fichier n'est pas un document CDA (ClinicalDocument, urn:hl7-org:v3).</p>
            </main>
          </xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="hl7:ClinicalDocument">
    <main class="report">
      <xsl:call-template name="lab-header"/>
      <xsl:call-template name="document-banner"/>
      <xsl:call-template name="patient-block"/>
      <div class="grid">
        <xsl:call-template name="prescriber-block"/>
        <xsl:call-template name="recipients-block"/>
        <xsl:call-template name="request-block"/>
      </div>
      <xsl:choose>
        <xsl:when test="hl7:component/hl7:structuredBody">
          <xsl:apply-templates select="hl7:component/hl7:structuredBody/hl7:component/hl7:section" mode="body"/>
        </xsl:when>
        <xsl:when test="hl7:component/hl7:nonXMLBody">
          <xsl:apply-templates select="hl7:component/hl7:nonXMLBody"/>
        </xsl:when>
      </xsl:choose>
      <xsl:call-template name="validation-block"/>
      <xsl:call-template name="footer"/>
    </main>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Header: the lab                                                                       -->
  <!-- ===================================================================================== -->

  <!-- The lab: the performing lab of the main act (as the PDF report), else the responsible lab of the
       encounter, the custodian, the author's organization. -->
  <xsl:template name="lab-header">
    <xsl:variable name="performing"
        select="hl7:documentationOf[1]/hl7:serviceEvent/hl7:performer/hl7:assignedEntity/hl7:representedOrganization[hl7:name]"/>
    <xsl:variable name="responsible"
        select="hl7:componentOf/hl7:encompassingEncounter/hl7:responsibleParty/hl7:assignedEntity/hl7:representedOrganization[not($performing)]"/>
    <xsl:variable name="custodian"
        select="hl7:custodian/hl7:assignedCustodian/hl7:representedCustodianOrganization"/>
    <xsl:variable name="author-org" select="hl7:author[1]/hl7:assignedAuthor/hl7:representedOrganization"/>
    <xsl:variable name="lab"
        select="($performing[1] | $responsible[hl7:name] | $custodian[hl7:name][not($performing or $responsible[hl7:name])]
                 | $author-org[hl7:name][not($performing or $responsible[hl7:name] or $custodian[hl7:name])])[1]"/>
    <header class="lab" id="lab">
      <xsl:if test="string-length(normalize-space($logo-url)) &gt; 0">
        <img class="logo" src="{normalize-space($logo-url)}" alt="{$logo-alt}"/>
      </xsl:if>
      <div class="lab-identity">
        <h1 class="lab-name">
          <xsl:choose>
            <xsl:when test="$lab/hl7:name"><xsl:value-of select="normalize-space($lab/hl7:name)"/></xsl:when>
            <xsl:otherwise>Laboratoire de biologie médicale</xsl:otherwise>
          </xsl:choose>
        </h1>
        <xsl:for-each select="$lab/hl7:addr[not(@nullFlavor)][1]">
          <div class="lab-address"><xsl:call-template name="address"/></div>
        </xsl:for-each>
        <div class="lab-ids">
          <xsl:for-each select="$lab/hl7:id[@root = $oid-idnat-struct and @extension]">
            <span class="lab-finess">
              <xsl:call-template name="structure-id">
                <xsl:with-param name="value" select="@extension"/>
              </xsl:call-template>
            </span>
          </xsl:for-each>
          <!-- The accreditation is carried by the responsible lab of the encounter: shown when it is the same structure. -->
          <xsl:variable name="lab-id" select="$lab/hl7:id[@root = $oid-idnat-struct]/@extension"/>
          <xsl:for-each select="($lab/hl7:id[@root = $oid-cofrac and @extension]
                                 | hl7:componentOf/hl7:encompassingEncounter/hl7:responsibleParty/hl7:assignedEntity/hl7:representedOrganization
                                   [hl7:id[@root = $oid-idnat-struct]/@extension = $lab-id]/hl7:id[@root = $oid-cofrac and @extension])[1]">
            <span class="lab-cofrac">Accréditation COFRAC n° <xsl:value-of select="@extension"/></span>
          </xsl:for-each>
          <xsl:for-each select="$lab/hl7:telecom[@value]">
            <span class="lab-telecom"><xsl:call-template name="telecom"/></span>
          </xsl:for-each>
        </div>
      </div>
    </header>
  </xsl:template>

  <!-- idNat_Struct: 1 + FINESS, 2 + SIREN, 3 + SIRET, 4 + RPPS cabinet id. -->
  <xsl:template name="structure-id">
    <xsl:param name="value"/>
    <xsl:variable name="kind" select="substring($value, 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$kind = '1' and string-length($value) = 10">FINESS <xsl:value-of select="substring($value, 2)"/></xsl:when>
      <xsl:when test="$kind = '2' and string-length($value) = 10">SIREN <xsl:value-of select="substring($value, 2)"/></xsl:when>
      <xsl:when test="$kind = '3' and string-length($value) = 15">SIRET <xsl:value-of select="substring($value, 2)"/></xsl:when>
      <xsl:otherwise>Identifiant national de structure <xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="document-banner">
    <section class="document" id="document">
      <h2 class="doc-title">
        <xsl:choose>
          <xsl:when test="normalize-space(hl7:title)"><xsl:value-of select="normalize-space(hl7:title)"/></xsl:when>
          <xsl:otherwise>Compte rendu d'examens de biologie médicale</xsl:otherwise>
        </xsl:choose>
      </h2>
      <dl class="inline">
        <xsl:if test="hl7:effectiveTime/@value">
          <dt>Date du document</dt>
          <dd><xsl:call-template name="ts"><xsl:with-param name="ts" select="hl7:effectiveTime/@value"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:variable name="status" select="hl7:documentationOf[1]/hl7:serviceEvent/lab:statusCode/@code"/>
        <xsl:if test="$status">
          <dt>Statut</dt>
          <dd>
            <xsl:choose>
              <xsl:when test="$status = 'completed'">Compte rendu complet</xsl:when>
              <xsl:when test="$status = 'active'"><strong class="partial">Compte rendu partiel (résultats en attente)</strong></xsl:when>
              <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:if>
        <xsl:if test="hl7:versionNumber/@value">
          <dt>Version</dt>
          <dd><xsl:value-of select="hl7:versionNumber/@value"/></dd>
        </xsl:if>
        <xsl:for-each select="hl7:relatedDocument[@typeCode = 'RPLC']/hl7:parentDocument/hl7:id">
          <dt>Remplace le document</dt>
          <dd class="oid"><xsl:call-template name="ii"/></dd>
        </xsl:for-each>
      </dl>
      <xsl:if test="hl7:confidentialityCode/@code = 'R' or hl7:confidentialityCode/@code = 'V'">
        <p class="confidential">Document confidentiel</p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Patient                                                                               -->
  <!-- ===================================================================================== -->

  <xsl:template name="patient-block">
    <xsl:variable name="role" select="hl7:recordTarget/hl7:patientRole"/>
    <xsl:variable name="patient" select="$role/hl7:patient"/>
    <xsl:variable name="ins"
        select="$role/hl7:id[@root = $oid-ins-nir or @root = $oid-ins-nia or @root = $oid-ins-nir-test
                             or @root = $oid-ins-nir-demo][@extension][1]"/>
    <section class="block patient" id="patient">
      <h2>Patient</h2>
      <div class="patient-name">
        <xsl:apply-templates select="$patient" mode="short-name"/>
      </div>
      <div class="grid">
        <div class="ins-block">
          <xsl:choose>
            <xsl:when test="$ins">
              <div class="ins-line">
                <span class="label">INS</span>
                <xsl:text> </xsl:text>
                <span class="ins" id="patient-ins"><xsl:value-of select="$ins/@extension"/></span>
                <xsl:text> </xsl:text>
                <span class="ins-kind">
                  <xsl:choose>
                    <xsl:when test="$ins/@root = $oid-ins-nir">[INS-NIR]</xsl:when>
                    <xsl:when test="$ins/@root = $oid-ins-nia">[INS-NIA]</xsl:when>
                    <xsl:when test="$ins/@root = $oid-ins-nir-test">[INS-NIR de test]</xsl:when>
                    <xsl:otherwise>[INS-NIR de démonstration]</xsl:otherwise>
                  </xsl:choose>
                </span>
              </div>
              <div class="ins-status qualified" id="ins-status">Identité qualifiée</div>
            </xsl:when>
            <xsl:otherwise>
              <div class="ins-status not-qualified" id="ins-status">Identité non qualifiée : INS non transmis</div>
            </xsl:otherwise>
          </xsl:choose>
          <dl>
            <xsl:call-template name="identity-traits">
              <xsl:with-param name="patient" select="$patient"/>
            </xsl:call-template>
            <xsl:for-each select="$role/hl7:id[not(@root = $oid-ins-nir or @root = $oid-ins-nia
                                   or @root = $oid-ins-nir-test or @root = $oid-ins-nir-demo)][@extension]">
              <dt>Identifiant local (IPP)</dt>
              <dd><xsl:value-of select="@extension"/></dd>
            </xsl:for-each>
          </dl>
        </div>
        <div class="contact">
          <dl>
            <xsl:for-each select="$role/hl7:addr">
              <dt>Adresse</dt>
              <dd><xsl:call-template name="address"/></dd>
            </xsl:for-each>
            <xsl:for-each select="$role/hl7:telecom">
              <dt><xsl:call-template name="telecom-label"/></dt>
              <dd><xsl:call-template name="telecom-value"/></dd>
            </xsl:for-each>
            <xsl:for-each select="$patient/hl7:guardian">
              <dt>Représentant légal</dt>
              <dd>
                <xsl:for-each select="hl7:guardianPerson/hl7:name | hl7:guardianOrganization/hl7:name">
                  <xsl:call-template name="person-name"/>
                </xsl:for-each>
                <xsl:for-each select="hl7:telecom[@value]">
                  <xsl:text> — </xsl:text><xsl:call-template name="telecom-value"/>
                </xsl:for-each>
              </dd>
            </xsl:for-each>
          </dl>
        </div>
      </div>
    </section>
  </xsl:template>

  <!-- "Mme DOMINIQUE PAT-TROIS": used names first, birth names otherwise. -->
  <xsl:template match="hl7:patient" mode="short-name">
    <xsl:variable name="name" select="hl7:name[1]"/>
    <xsl:variable name="used-family" select="normalize-space($name/hl7:family[@qualifier = 'CL'])"/>
    <xsl:variable name="birth-family" select="normalize-space(($name/hl7:family[@qualifier = 'BR'] | $name/hl7:family[not(@qualifier)])[1])"/>
    <xsl:variable name="used-given" select="normalize-space($name/hl7:given[@qualifier = 'CL'])"/>
    <xsl:variable name="first-given" select="normalize-space(($name/hl7:given[@qualifier = 'BR'] | $name/hl7:given[not(@qualifier)])[1])"/>
    <span class="name">
      <xsl:choose>
        <xsl:when test="hl7:administrativeGenderCode/@code = 'F'">Mme </xsl:when>
        <xsl:when test="hl7:administrativeGenderCode/@code = 'M'">M. </xsl:when>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$used-given"><xsl:value-of select="$used-given"/></xsl:when>
        <xsl:when test="$name/hl7:given[@qualifier = 'BR']">
          <xsl:value-of select="normalize-space($name/hl7:given[@qualifier = 'BR'][1])"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$first-given"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <strong>
        <xsl:choose>
          <xsl:when test="$used-family"><xsl:value-of select="$used-family"/></xsl:when>
          <xsl:when test="$birth-family"><xsl:value-of select="$birth-family"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space($name)"/></xsl:otherwise>
        </xsl:choose>
      </strong>
      <xsl:if test="$used-family and $birth-family and $used-family != $birth-family">
        <xsl:text> née </xsl:text><strong><xsl:value-of select="$birth-family"/></strong>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template name="identity-traits">
    <xsl:param name="patient"/>
    <xsl:variable name="name" select="$patient/hl7:name[1]"/>
    <xsl:if test="$name/hl7:family[@qualifier = 'BR']">
      <dt>Nom de naissance</dt>
      <dd class="trait"><xsl:value-of select="normalize-space($name/hl7:family[@qualifier = 'BR'])"/></dd>
    </xsl:if>
    <xsl:if test="$name/hl7:given[not(@qualifier)]">
      <dt>Prénom(s) de naissance</dt>
      <dd class="trait">
        <xsl:for-each select="$name/hl7:given[not(@qualifier)]">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </dd>
    </xsl:if>
    <xsl:if test="$name/hl7:given[@qualifier = 'BR']">
      <dt>Premier prénom de naissance</dt>
      <dd class="trait"><xsl:value-of select="normalize-space($name/hl7:given[@qualifier = 'BR'])"/></dd>
    </xsl:if>
    <xsl:if test="$name/hl7:family[@qualifier = 'CL']">
      <dt>Nom utilisé</dt>
      <dd><xsl:value-of select="normalize-space($name/hl7:family[@qualifier = 'CL'])"/></dd>
    </xsl:if>
    <xsl:if test="$name/hl7:given[@qualifier = 'CL']">
      <dt>Prénom utilisé</dt>
      <dd><xsl:value-of select="normalize-space($name/hl7:given[@qualifier = 'CL'])"/></dd>
    </xsl:if>
    <xsl:if test="not($name/hl7:family[@qualifier]) and $name/hl7:family">
      <dt>Nom</dt>
      <dd><xsl:value-of select="normalize-space($name/hl7:family[1])"/></dd>
    </xsl:if>
    <dt>Sexe</dt>
    <dd class="trait">
      <xsl:choose>
        <xsl:when test="$patient/hl7:administrativeGenderCode/@code = 'F'">Féminin</xsl:when>
        <xsl:when test="$patient/hl7:administrativeGenderCode/@code = 'M'">Masculin</xsl:when>
        <xsl:when test="$patient/hl7:administrativeGenderCode/@code = 'U'">Indéterminé</xsl:when>
        <xsl:otherwise>Non renseigné</xsl:otherwise>
      </xsl:choose>
    </dd>
    <dt>Date de naissance</dt>
    <dd class="trait">
      <xsl:choose>
        <xsl:when test="$patient/hl7:birthTime/@value">
          <xsl:call-template name="date"><xsl:with-param name="ts" select="$patient/hl7:birthTime/@value"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>Non renseignée</xsl:otherwise>
      </xsl:choose>
    </dd>
    <xsl:for-each select="$patient/hl7:birthplace/hl7:place/hl7:addr">
      <dt>Lieu de naissance</dt>
      <dd class="trait">
        <xsl:if test="normalize-space(hl7:city)"><xsl:value-of select="normalize-space(hl7:city)"/><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="normalize-space(hl7:county)">(code INSEE <xsl:value-of select="normalize-space(hl7:county)"/>)</xsl:if>
        <xsl:if test="normalize-space(hl7:country)"><xsl:text> </xsl:text><xsl:value-of select="normalize-space(hl7:country)"/></xsl:if>
      </dd>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Prescriber, recipients, request                                                       -->
  <!-- ===================================================================================== -->

  <xsl:template name="prescriber-block">
    <xsl:variable name="ref" select="hl7:participant[@typeCode = 'REF']"/>
    <section class="block prescriber" id="prescriber">
      <h2>Prescripteur</h2>
      <xsl:choose>
        <xsl:when test="$ref">
          <xsl:for-each select="$ref">
            <div class="party">
              <xsl:for-each select="hl7:associatedEntity">
                <xsl:call-template name="party"/>
              </xsl:for-each>
              <xsl:if test="hl7:time/hl7:high/@value | hl7:time/@value">
                <div class="when">Prescription du
                  <xsl:call-template name="date"><xsl:with-param name="ts" select="(hl7:time/hl7:high/@value | hl7:time/@value)[1]"/></xsl:call-template>
                </div>
              </xsl:if>
            </div>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><p class="none">Non renseigné</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="recipients-block">
    <xsl:variable name="recipients" select="hl7:informationRecipient/hl7:intendedRecipient"/>
    <xsl:variable name="pcp" select="hl7:participant[@typeCode = 'INF'][hl7:functionCode/@code = 'PCP']"/>
    <section class="block recipients" id="recipients">
      <h2>Destinataires</h2>
      <xsl:if test="not($recipients) and not($pcp)"><p class="none">Aucun destinataire désigné</p></xsl:if>
      <xsl:for-each select="$recipients">
        <div class="party">
          <xsl:for-each select="hl7:informationRecipient/hl7:name">
            <div class="who"><xsl:call-template name="person-name"/></div>
          </xsl:for-each>
          <xsl:for-each select="hl7:receivedOrganization/hl7:name">
            <div class="org"><xsl:value-of select="normalize-space(.)"/></div>
          </xsl:for-each>
          <xsl:if test="not(hl7:informationRecipient/hl7:name) and not(hl7:receivedOrganization/hl7:name)">
            <xsl:for-each select="hl7:id[@extension][1]">
              <div class="who"><xsl:call-template name="ii"/></div>
            </xsl:for-each>
          </xsl:if>
          <xsl:for-each select="hl7:telecom[@value]">
            <div class="telecom"><xsl:call-template name="telecom"/></div>
          </xsl:for-each>
        </div>
      </xsl:for-each>
      <xsl:for-each select="$pcp/hl7:associatedEntity">
        <div class="party">
          <div class="role">Médecin traitant</div>
          <xsl:call-template name="party"/>
        </div>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template name="request-block">
    <xsl:variable name="event" select="hl7:documentationOf[1]/hl7:serviceEvent"/>
    <xsl:variable name="sampler" select="hl7:participant[@typeCode = 'PRF'][hl7:functionCode/@code = 'PRELV']"/>
    <section class="block request" id="request">
      <h2>Demande et prélèvement</h2>
      <dl>
        <xsl:for-each select="hl7:inFulfillmentOf/hl7:order/hl7:id[@extension]">
          <dt>N° de demande</dt>
          <dd><xsl:value-of select="@extension"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$sampler">
          <xsl:if test="hl7:time/hl7:high/@value | hl7:time/@value">
            <dt>Prélèvement</dt>
            <dd class="sampling-date">
              <xsl:call-template name="ts"><xsl:with-param name="ts" select="(hl7:time/hl7:high/@value | hl7:time/@value)[1]"/></xsl:call-template>
            </dd>
          </xsl:if>
          <dt>Préleveur</dt>
          <dd>
            <xsl:for-each select="hl7:associatedEntity/hl7:associatedPerson/hl7:name"><xsl:call-template name="person-name"/></xsl:for-each>
            <xsl:for-each select="hl7:associatedEntity/hl7:scopingOrganization/hl7:name">
              <xsl:if test="../../hl7:associatedPerson/hl7:name"><xsl:text> — </xsl:text></xsl:if>
              <xsl:value-of select="normalize-space(.)"/>
            </xsl:for-each>
          </dd>
        </xsl:for-each>
        <xsl:if test="not($sampler) and hl7:componentOf/hl7:encompassingEncounter/hl7:effectiveTime/hl7:low/@value">
          <dt>Prise en charge</dt>
          <dd><xsl:call-template name="ts"><xsl:with-param name="ts" select="hl7:componentOf/hl7:encompassingEncounter/hl7:effectiveTime/hl7:low/@value"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:if test="$event/hl7:effectiveTime/hl7:low/@value">
          <dt>Réception au laboratoire</dt>
          <dd><xsl:call-template name="ts"><xsl:with-param name="ts" select="$event/hl7:effectiveTime/hl7:low/@value"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:if test="$event/hl7:effectiveTime/hl7:high/@value">
          <dt>Compte rendu libéré</dt>
          <dd><xsl:call-template name="ts"><xsl:with-param name="ts" select="$event/hl7:effectiveTime/hl7:high/@value"/></xsl:call-template></dd>
        </xsl:if>
      </dl>
    </section>
  </xsl:template>

  <!-- A person or organization in an assignedEntity / associatedEntity. -->
  <xsl:template name="party">
    <xsl:for-each select="(hl7:assignedPerson | hl7:associatedPerson)/hl7:name">
      <div class="who"><xsl:call-template name="person-name"/></div>
    </xsl:for-each>
    <xsl:for-each select="hl7:code[@displayName]">
      <div class="specialty"><xsl:value-of select="@displayName"/></div>
    </xsl:for-each>
    <xsl:for-each select="hl7:id[@root = $oid-idnat-ps and @extension]">
      <div class="rpps">
        <xsl:choose>
          <xsl:when test="substring(@extension, 1, 1) = '8' and string-length(@extension) = 12">RPPS <xsl:value-of select="substring(@extension, 2)"/></xsl:when>
          <xsl:otherwise>Identifiant national <xsl:value-of select="@extension"/></xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:for-each>
    <xsl:for-each select="(hl7:representedOrganization | hl7:scopingOrganization)/hl7:name">
      <div class="org"><xsl:value-of select="normalize-space(.)"/></div>
    </xsl:for-each>
    <xsl:for-each select="hl7:addr[not(@nullFlavor)][1]">
      <div class="address"><xsl:call-template name="address"/></div>
    </xsl:for-each>
    <xsl:for-each select="hl7:telecom[@value]">
      <div class="telecom"><xsl:call-template name="telecom"/></div>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Body sections                                                                         -->
  <!-- ===================================================================================== -->

  <!-- A chapter (IHE Laboratory Specialty Section / FR-CR-BIO-Chapitre). -->
  <xsl:template match="hl7:section[hl7:templateId/@root = '1.3.6.1.4.1.19376.1.3.3.2.1' or hl7:templateId/@root = '1.2.250.1.213.1.1.2.70']" mode="body">
    <section class="chapter">
      <h2 class="chapter-title"><xsl:call-template name="section-title"/></h2>
      <xsl:apply-templates select="hl7:entry" mode="entry"/>
      <xsl:apply-templates select="hl7:component/hl7:section" mode="subchapter"/>
    </section>
  </xsl:template>

  <!-- The PDF copy of the report (FR-Document-PDF-copie). -->
  <xsl:template match="hl7:section[hl7:templateId/@root = '1.2.250.1.213.1.1.2.243']" mode="body">
    <section class="block pdf-copy">
      <h2><xsl:call-template name="section-title"/></h2>
      <xsl:variable name="pdf" select=".//hl7:observationMedia/hl7:value[@mediaType = 'application/pdf'][@representation = 'B64']"/>
      <xsl:choose>
        <xsl:when test="$pdf">
          <p>Ce document contient sa copie PDF, qui fait foi à l'impression :
            <a class="pdf-link" download="compte-rendu.pdf" type="application/pdf"
               href="data:application/pdf;base64,{normalize-space($pdf[1])}">enregistrer la copie PDF</a>.</p>
        </xsl:when>
        <xsl:otherwise><p class="warning">La copie PDF annoncée est absente du document.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Any other section (comments, second-intention results...): its title, narrative and media. -->
  <xsl:template match="hl7:section" mode="body">
    <section class="block other-section">
      <h2><xsl:call-template name="section-title"/></h2>
      <xsl:apply-templates select="hl7:text" mode="narrative"/>
      <xsl:apply-templates select=".//hl7:observationMedia" mode="media"/>
      <xsl:apply-templates select="hl7:component/hl7:section" mode="body"/>
    </section>
  </xsl:template>

  <!-- A sub-chapter (IHE Laboratory Report Item Section / FR-CR-BIO-Sous-Chapitre). -->
  <xsl:template match="hl7:section" mode="subchapter">
    <section class="subchapter">
      <h3 class="subchapter-title"><xsl:call-template name="section-title"/></h3>
      <xsl:apply-templates select="hl7:entry" mode="entry"/>
      <xsl:if test="not(hl7:entry)">
        <xsl:apply-templates select="hl7:text" mode="narrative"/>
      </xsl:if>
      <xsl:apply-templates select="hl7:component/hl7:section" mode="subchapter"/>
    </section>
  </xsl:template>

  <xsl:template name="section-title">
    <xsl:choose>
      <xsl:when test="normalize-space(hl7:title)"><xsl:value-of select="normalize-space(hl7:title)"/></xsl:when>
      <xsl:when test="hl7:code/@displayName"><xsl:value-of select="hl7:code/@displayName"/></xsl:when>
      <xsl:otherwise>Section</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Entries: the results                                                                  -->
  <!-- ===================================================================================== -->

  <!-- FR-Resultats-examens-de-biologie-medicale: an act grouping specimens, batteries, isolates, results. -->
  <xsl:template match="hl7:entry" mode="entry">
    <xsl:for-each select="hl7:act | hl7:organizer | hl7:observation">
      <div class="exam">
        <xsl:if test="self::hl7:act and hl7:statusCode/@code = 'active'">
          <p class="pending">Résultats en cours : cet examen sera complété dans une prochaine version du compte rendu.</p>
        </xsl:if>
        <xsl:if test="hl7:statusCode/@code = 'aborted'">
          <p class="aborted">Examen non réalisé.</p>
        </xsl:if>
        <xsl:call-template name="subcontracting"/>
        <xsl:apply-templates select="hl7:entryRelationship/hl7:procedure[hl7:templateId/@root = $tpl-specimen-collection]
                                     | hl7:specimen" mode="specimen"/>
        <table class="results">
          <thead>
            <tr>
              <th scope="col" class="c-name">Analyse</th>
              <th scope="col" class="c-value">Résultat</th>
              <th scope="col" class="c-unit">Unité</th>
              <th scope="col" class="c-range">Valeurs de référence</th>
              <th scope="col" class="c-flag">Interprétation</th>
              <th scope="col" class="c-previous">Antériorités</th>
            </tr>
          </thead>
          <tbody>
            <xsl:choose>
              <xsl:when test="self::hl7:act">
                <xsl:apply-templates select="hl7:entryRelationship/*" mode="row">
                  <xsl:with-param name="depth" select="0"/>
                </xsl:apply-templates>
              </xsl:when>
              <xsl:otherwise>
                <xsl:apply-templates select="." mode="row">
                  <xsl:with-param name="depth" select="0"/>
                </xsl:apply-templates>
              </xsl:otherwise>
            </xsl:choose>
          </tbody>
        </table>
        <xsl:call-template name="validators"/>
      </div>
    </xsl:for-each>
  </xsl:template>

  <!-- Laboratory Observation: one result row, then its comments. -->
  <xsl:template match="hl7:observation" mode="row">
    <xsl:param name="depth"/>
    <xsl:variable name="code" select="translate(hl7:interpretationCode/@code, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
    <xsl:variable name="abnormal" select="string-length($code) &gt; 0 and contains($abnormal-codes, concat(' ', $code, ' '))"/>
    <xsl:variable name="critical" select="string-length($code) &gt; 0 and contains($critical-codes, concat(' ', $code, ' '))"/>
    <tr>
      <xsl:attribute name="class">
        <xsl:text>result</xsl:text>
        <xsl:if test="$abnormal"> abnormal</xsl:if>
        <xsl:if test="$critical"> critical</xsl:if>
        <xsl:if test="hl7:statusCode/@code = 'aborted'"> aborted</xsl:if>
      </xsl:attribute>
      <td class="c-name">
        <xsl:call-template name="indent"><xsl:with-param name="depth" select="$depth"/></xsl:call-template>
        <span class="analysis"><xsl:apply-templates select="hl7:code" mode="label"/></span>
        <xsl:if test="hl7:methodCode">
          <xsl:variable name="method"><xsl:apply-templates select="hl7:methodCode[1]" mode="label"/></xsl:variable>
          <xsl:if test="normalize-space($method)">
            <span class="method">
              <xsl:text> </xsl:text>
              <xsl:choose>
                <xsl:when test="starts-with(normalize-space($method), '(')"><xsl:value-of select="normalize-space($method)"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('(', normalize-space($method), ')')"/></xsl:otherwise>
              </xsl:choose>
            </span>
          </xsl:if>
        </xsl:if>
        <xsl:if test="hl7:performer[hl7:templateId/@root = $tpl-performing-lab]">
          <div class="subcontracted-row">
            <xsl:text>Sous-traité : </xsl:text>
            <xsl:call-template name="performer-name">
              <xsl:with-param name="performer" select="hl7:performer[hl7:templateId/@root = $tpl-performing-lab][1]"/>
            </xsl:call-template>
          </div>
        </xsl:if>
      </td>
      <xsl:choose>
        <xsl:when test="hl7:statusCode/@code = 'aborted' and not(hl7:value)">
          <td class="c-value" colspan="2">Non réalisé</td>
        </xsl:when>
        <xsl:otherwise>
          <td class="c-value">
            <span class="value">
              <xsl:if test="$abnormal">
                <span class="marker" aria-hidden="true">
                  <xsl:choose>
                    <xsl:when test="starts-with($code, 'H') or $code = '&gt;'">▲ </xsl:when>
                    <xsl:when test="starts-with($code, 'L') or $code = '&lt;'">▼ </xsl:when>
                    <xsl:otherwise>● </xsl:otherwise>
                  </xsl:choose>
                </span>
              </xsl:if>
              <xsl:apply-templates select="hl7:value[1]" mode="value"/>
            </span>
          </td>
          <td class="c-unit"><xsl:apply-templates select="hl7:value[1]" mode="unit"/></td>
        </xsl:otherwise>
      </xsl:choose>
      <td class="c-range">
        <xsl:apply-templates select="hl7:referenceRange/hl7:observationRange" mode="range">
          <xsl:with-param name="unit" select="hl7:value[1]/@unit"/>
        </xsl:apply-templates>
      </td>
      <td class="c-flag">
        <xsl:apply-templates select="hl7:interpretationCode[1]" mode="interpretation"/>
      </td>
      <td class="c-previous">
        <xsl:for-each select="hl7:entryRelationship[@typeCode = 'REFR']/hl7:observation">
          <div class="previous">
            <xsl:apply-templates select="hl7:value[1]" mode="value"/>
            <xsl:if test="hl7:value[1]/@unit">
              <xsl:text> </xsl:text><xsl:apply-templates select="hl7:value[1]" mode="unit"/>
            </xsl:if>
            <xsl:if test="hl7:interpretationCode/@code and hl7:interpretationCode/@code != 'N'">
              <xsl:text> </xsl:text>
              <span class="previous-flag">(<xsl:value-of select="hl7:interpretationCode/@code"/>)</span>
            </xsl:if>
            <xsl:if test="hl7:effectiveTime/@value | hl7:effectiveTime/hl7:low/@value">
              <xsl:text> </xsl:text>
              <span class="previous-date">
                <xsl:text>le </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="ts" select="(hl7:effectiveTime/@value | hl7:effectiveTime/hl7:low/@value)[1]"/></xsl:call-template>
              </span>
            </xsl:if>
          </div>
        </xsl:for-each>
      </td>
    </tr>
    <xsl:apply-templates select="hl7:entryRelationship[@typeCode != 'REFR' or not(@typeCode)]/hl7:act" mode="row">
      <xsl:with-param name="depth" select="$depth + 1"/>
    </xsl:apply-templates>
    <xsl:apply-templates select="hl7:entryRelationship/hl7:observationMedia" mode="row"/>
  </xsl:template>

  <!-- Battery (BATTERY) or isolate (CLUSTER): a heading row, then its members. -->
  <xsl:template match="hl7:organizer" mode="row">
    <xsl:param name="depth"/>
    <xsl:variable name="isolate" select="@classCode = 'CLUSTER' or hl7:specimen/hl7:specimenRole/hl7:specimenPlayingEntity"/>
    <xsl:variable name="heading" select="$isolate or hl7:code or hl7:statusCode/@code = 'aborted' or hl7:statusCode/@code = 'active'
                                         or hl7:performer[hl7:templateId/@root = $tpl-performing-lab]"/>
    <xsl:if test="$heading">
    <tr>
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="$isolate">group isolate</xsl:when>
          <xsl:otherwise>group battery</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <th scope="rowgroup" colspan="{$columns}">
        <xsl:call-template name="indent"><xsl:with-param name="depth" select="$depth"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$isolate">
            <xsl:text>Germe identifié : </xsl:text>
            <em class="germ">
              <xsl:choose>
                <xsl:when test="hl7:specimen/hl7:specimenRole/hl7:specimenPlayingEntity/hl7:code">
                  <xsl:apply-templates select="hl7:specimen/hl7:specimenRole/hl7:specimenPlayingEntity/hl7:code" mode="label"/>
                </xsl:when>
                <xsl:otherwise><xsl:apply-templates select="hl7:code" mode="label"/></xsl:otherwise>
              </xsl:choose>
            </em>
          </xsl:when>
          <xsl:when test="hl7:code">
            <xsl:apply-templates select="hl7:code" mode="label"/>
          </xsl:when>
          <xsl:otherwise>Examens</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="hl7:statusCode/@code = 'aborted'"> — non réalisé</xsl:if>
        <xsl:if test="hl7:statusCode/@code = 'active'"> — en cours</xsl:if>
        <xsl:if test="hl7:performer[hl7:templateId/@root = $tpl-performing-lab]">
          <span class="subcontracted-row">
            <xsl:text> — sous-traité : </xsl:text>
            <xsl:call-template name="performer-name">
              <xsl:with-param name="performer" select="hl7:performer[hl7:templateId/@root = $tpl-performing-lab][1]"/>
            </xsl:call-template>
          </span>
        </xsl:if>
      </th>
    </tr>
    </xsl:if>
    <xsl:apply-templates select="hl7:component/*" mode="row">
      <xsl:with-param name="depth" select="$depth + number(boolean($heading))"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Comment (FR-Commentaire-ER) or any other act with text. -->
  <xsl:template match="hl7:act" mode="row">
    <xsl:param name="depth"/>
    <xsl:variable name="text">
      <xsl:apply-templates select="hl7:text" mode="resolved-text"/>
    </xsl:variable>
    <xsl:if test="normalize-space($text)">
      <tr class="comment">
        <td colspan="{$columns}">
          <xsl:call-template name="indent"><xsl:with-param name="depth" select="$depth"/></xsl:call-template>
          <span class="comment-label">
            <xsl:choose>
              <xsl:when test="hl7:templateId/@root = $tpl-comment-fr or hl7:code/@code = '48767-8'">Commentaire</xsl:when>
              <xsl:when test="hl7:code/@displayName"><xsl:value-of select="hl7:code/@displayName"/></xsl:when>
              <xsl:otherwise>Note</xsl:otherwise>
            </xsl:choose>
            <xsl:text> : </xsl:text>
          </span>
          <span class="comment-text"><xsl:value-of select="normalize-space($text)"/></span>
        </td>
      </tr>
    </xsl:if>
  </xsl:template>

  <xsl:template match="hl7:observationMedia" mode="row">
    <tr class="media">
      <td colspan="{$columns}"><xsl:apply-templates select="." mode="media"/></td>
    </tr>
  </xsl:template>

  <!-- Specimens are shown above the table; other relationships have nothing to show in a row. -->
  <xsl:template match="*" mode="row"/>

  <xsl:template match="hl7:observationMedia" mode="media">
    <xsl:variable name="type" select="hl7:value/@mediaType"/>
    <xsl:if test="starts-with($type, 'image/') and hl7:value/@representation = 'B64'
                  and ($type = 'image/png' or $type = 'image/jpeg' or $type = 'image/gif')">
      <figure class="illustration">
        <img alt="Image jointe au résultat" src="data:{$type};base64,{translate(hl7:value, '&#9;&#10;&#13; ', '')}"/>
      </figure>
    </xsl:if>
  </xsl:template>

  <xsl:template name="indent">
    <xsl:param name="depth"/>
    <xsl:if test="$depth &gt; 0">
      <span class="indent" style="padding-left:{$depth * 1.1}em"/>
    </xsl:if>
  </xsl:template>

  <!-- Specimen collection (FR-Prelevement): type, identifier, sampling and reception times. -->
  <xsl:template match="hl7:procedure" mode="specimen">
    <div class="specimen">
      <span class="label">Prélèvement : </span>
      <xsl:for-each select="hl7:participant[@typeCode = 'PRD']/hl7:participantRole/hl7:playingEntity/hl7:code">
        <span class="specimen-type"><xsl:apply-templates select="." mode="label"/></span>
      </xsl:for-each>
      <xsl:if test="hl7:code">
        <xsl:text> — </xsl:text><xsl:apply-templates select="hl7:code" mode="label"/>
      </xsl:if>
      <xsl:for-each select="hl7:participant[@typeCode = 'PRD']/hl7:participantRole/hl7:id[@extension][1]">
        <xsl:text> — n° </xsl:text><xsl:value-of select="@extension"/>
      </xsl:for-each>
      <xsl:variable name="sampled" select="(hl7:effectiveTime/@value | hl7:effectiveTime/hl7:high/@value | hl7:effectiveTime/hl7:low/@value)[1]"/>
      <xsl:if test="$sampled">
        <xsl:text> — prélevé le </xsl:text>
        <xsl:call-template name="ts"><xsl:with-param name="ts" select="$sampled"/></xsl:call-template>
      </xsl:if>
      <xsl:for-each select="hl7:performer/hl7:assignedEntity">
        <xsl:text> par </xsl:text>
        <xsl:for-each select="hl7:assignedPerson/hl7:name"><xsl:call-template name="person-name"/></xsl:for-each>
        <xsl:for-each select="hl7:representedOrganization/hl7:name">
          <xsl:text> (</xsl:text><xsl:value-of select="normalize-space(.)"/><xsl:text>)</xsl:text>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="hl7:entryRelationship/hl7:act[hl7:templateId/@root = $tpl-specimen-received or hl7:code/@code = 'SPRECEIVE']">
        <xsl:if test="hl7:effectiveTime/@value">
          <xsl:text> — reçu le </xsl:text>
          <xsl:call-template name="ts"><xsl:with-param name="ts" select="hl7:effectiveTime/@value"/></xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template match="hl7:specimen" mode="specimen">
    <xsl:for-each select="hl7:specimenRole/hl7:specimenPlayingEntity/hl7:code">
      <div class="specimen"><span class="label">Échantillon : </span><xsl:apply-templates select="." mode="label"/></div>
    </xsl:for-each>
  </xsl:template>

  <!-- Subcontracting (FR-Laboratoire-executant) at the level of an exam. -->
  <xsl:template name="subcontracting">
    <xsl:for-each select="hl7:performer[hl7:templateId/@root = $tpl-performing-lab][1]">
      <div class="subcontracted">
        <span class="label">Analyse sous-traitée</span>
        <xsl:text> — réalisée par </xsl:text>
        <xsl:call-template name="performer-name"><xsl:with-param name="performer" select="."/></xsl:call-template>
        <xsl:for-each select="hl7:assignedEntity/hl7:representedOrganization/hl7:id[@root = $oid-idnat-struct and @extension]">
          <xsl:text> (</xsl:text>
          <xsl:call-template name="structure-id"><xsl:with-param name="value" select="@extension"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:for-each>
        <xsl:if test="hl7:time/@value | hl7:time/hl7:high/@value">
          <xsl:text>, le </xsl:text>
          <xsl:call-template name="ts"><xsl:with-param name="ts" select="(hl7:time/@value | hl7:time/hl7:high/@value)[1]"/></xsl:call-template>
        </xsl:if>
      </div>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="performer-name">
    <xsl:param name="performer"/>
    <strong class="subcontractor">
      <xsl:choose>
        <xsl:when test="normalize-space($performer/hl7:assignedEntity/hl7:representedOrganization/hl7:name)">
          <xsl:value-of select="normalize-space($performer/hl7:assignedEntity/hl7:representedOrganization/hl7:name)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$performer/hl7:assignedEntity/hl7:assignedPerson/hl7:name"><xsl:call-template name="person-name"/></xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </strong>
    <xsl:if test="normalize-space($performer/hl7:assignedEntity/hl7:representedOrganization/hl7:name)">
      <xsl:for-each select="$performer/hl7:assignedEntity/hl7:assignedPerson/hl7:name">
        <xsl:text> (</xsl:text><xsl:call-template name="person-name"/><xsl:text>)</xsl:text>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Validation of the exam's results (participant AUTHEN). -->
  <xsl:template name="validators">
    <xsl:for-each select="hl7:participant[@typeCode = 'AUTHEN']">
      <p class="validated-by">
        <xsl:text>Résultats validés par </xsl:text>
        <xsl:for-each select="hl7:participantRole/hl7:playingEntity/hl7:name"><xsl:call-template name="person-name"/></xsl:for-each>
        <xsl:if test="hl7:time/hl7:high/@value | hl7:time/@value">
          <xsl:text> le </xsl:text>
          <xsl:call-template name="ts"><xsl:with-param name="ts" select="(hl7:time/hl7:high/@value | hl7:time/@value)[1]"/></xsl:call-template>
        </xsl:if>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Values, units, ranges, interpretations                                                -->
  <!-- ===================================================================================== -->

  <xsl:template match="hl7:value" mode="value">
    <xsl:variable name="raw-type" select="@xsi:type"/>
    <xsl:variable name="type">
      <xsl:choose>
        <xsl:when test="contains($raw-type, ':')"><xsl:value-of select="substring-after($raw-type, ':')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$raw-type"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@nullFlavor">
        <span class="null"><xsl:call-template name="null-flavor"><xsl:with-param name="code" select="@nullFlavor"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="$type = 'PQ' or $type = 'REAL' or $type = 'INT' or $type = 'MO'">
        <xsl:call-template name="number"><xsl:with-param name="value" select="@value"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$type = 'IVL_PQ' or $type = 'IVL_REAL' or $type = 'IVL_INT'">
        <xsl:call-template name="interval"><xsl:with-param name="ivl" select="."/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$type = 'RTO' or $type = 'RTO_PQ_PQ' or $type = 'RTO_INT_INT'">
        <xsl:call-template name="number"><xsl:with-param name="value" select="hl7:numerator/@value"/></xsl:call-template>
        <xsl:text>/</xsl:text>
        <xsl:call-template name="number"><xsl:with-param name="value" select="hl7:denominator/@value"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$type = 'BL'">
        <xsl:choose>
          <xsl:when test="@value = 'true'">Oui</xsl:when>
          <xsl:when test="@value = 'false'">Non</xsl:when>
          <xsl:otherwise><xsl:value-of select="@value"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$type = 'TS'">
        <xsl:call-template name="ts"><xsl:with-param name="ts" select="@value"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$type = 'CD' or $type = 'CE' or $type = 'CV' or $type = 'CO' or $type = 'CS'">
        <xsl:apply-templates select="." mode="label"/>
      </xsl:when>
      <xsl:when test="@value"><xsl:value-of select="@value"/></xsl:when>
      <xsl:when test="hl7:reference"><xsl:apply-templates select="." mode="resolved-text"/></xsl:when>
      <!-- ST, ED and untyped values: their text. -->
      <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="hl7:value" mode="unit">
    <xsl:variable name="unit" select="(@unit | hl7:low/@unit | hl7:high/@unit | hl7:center/@unit)[1]"/>
    <xsl:if test="$unit">
      <xsl:call-template name="unit"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="interval">
    <xsl:param name="ivl"/>
    <xsl:param name="with-unit" select="false()"/>
    <xsl:variable name="low" select="$ivl/hl7:low[@value]"/>
    <xsl:variable name="high" select="$ivl/hl7:high[@value]"/>
    <xsl:choose>
      <xsl:when test="$low and $high">
        <xsl:call-template name="number"><xsl:with-param name="value" select="$low/@value"/></xsl:call-template>
        <xsl:text> – </xsl:text>
        <xsl:call-template name="number"><xsl:with-param name="value" select="$high/@value"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$low">
        <xsl:choose>
          <xsl:when test="$low/@inclusive = 'false'">&gt; </xsl:when>
          <xsl:otherwise>≥ </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="number"><xsl:with-param name="value" select="$low/@value"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$high">
        <xsl:choose>
          <xsl:when test="$high/@inclusive = 'false'">&lt; </xsl:when>
          <xsl:otherwise>≤ </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="number"><xsl:with-param name="value" select="$high/@value"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$ivl/hl7:center/@value">
        <xsl:call-template name="number"><xsl:with-param name="value" select="$ivl/hl7:center/@value"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="$with-unit">
      <xsl:variable name="unit" select="($low/@unit | $high/@unit)[1]"/>
      <xsl:if test="$unit and $unit != '1'">
        <xsl:text> </xsl:text>
        <xsl:call-template name="unit"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Reference range: the interval (with its unit when it differs from the result's), its text, its
       condition (lab:precondition, e.g. "femme", "adulte"). -->
  <xsl:template match="hl7:observationRange" mode="range">
    <xsl:param name="unit"/>
    <div class="range">
      <xsl:choose>
        <xsl:when test="hl7:value/hl7:low | hl7:value/hl7:high | hl7:value/hl7:center">
          <xsl:variable name="range-unit" select="(hl7:value/hl7:low/@unit | hl7:value/hl7:high/@unit)[1]"/>
          <xsl:call-template name="interval">
            <xsl:with-param name="ivl" select="hl7:value"/>
            <xsl:with-param name="with-unit" select="string($range-unit) != string($unit)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="hl7:value">
          <xsl:apply-templates select="hl7:value" mode="value"/>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="hl7:text">
        <xsl:variable name="text"><xsl:apply-templates select="hl7:text" mode="resolved-text"/></xsl:variable>
        <xsl:if test="normalize-space($text)">
          <xsl:if test="hl7:value"><xsl:text> </xsl:text></xsl:if>
          <span class="range-text"><xsl:value-of select="normalize-space($text)"/></span>
        </xsl:if>
      </xsl:if>
      <xsl:for-each select="../lab:precondition/lab:criterion | ../hl7:precondition/hl7:criterion">
        <span class="range-condition">
          <xsl:text> (</xsl:text>
          <xsl:choose>
            <xsl:when test="*[local-name() = 'value']/@displayName"><xsl:value-of select="*[local-name() = 'value']/@displayName"/></xsl:when>
            <xsl:when test="*[local-name() = 'value']/@code"><xsl:value-of select="*[local-name() = 'value']/@code"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="*[local-name() = 'code']/@displayName"/></xsl:otherwise>
          </xsl:choose>
          <xsl:text>)</xsl:text>
        </span>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template match="hl7:interpretationCode" mode="interpretation">
    <xsl:variable name="code" select="translate(@code, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
    <span class="flag flag-{translate($code, '&lt;&gt;', 'lg')}">
      <xsl:choose>
        <xsl:when test="$code = 'N'">Normal</xsl:when>
        <xsl:when test="$code = 'L'">Bas</xsl:when>
        <xsl:when test="$code = 'H'">Haut</xsl:when>
        <xsl:when test="$code = 'LL'">Très bas (critique)</xsl:when>
        <xsl:when test="$code = 'HH'">Très haut (critique)</xsl:when>
        <xsl:when test="$code = 'LU'">Bas (limite)</xsl:when>
        <xsl:when test="$code = 'HU'">Haut (limite)</xsl:when>
        <xsl:when test="$code = 'A'">Anormal</xsl:when>
        <xsl:when test="$code = 'AA'">Très anormal (critique)</xsl:when>
        <xsl:when test="$code = 'S'">Sensible</xsl:when>
        <xsl:when test="$code = 'I'">Intermédiaire</xsl:when>
        <xsl:when test="$code = 'R'">Résistant</xsl:when>
        <xsl:when test="$code = 'SDD'">Sensible dose-dépendant</xsl:when>
        <xsl:when test="$code = 'NS'">Non sensible</xsl:when>
        <xsl:when test="$code = 'POS'">Positif</xsl:when>
        <xsl:when test="$code = 'NEG'">Négatif</xsl:when>
        <xsl:when test="$code = 'DET'">Détecté</xsl:when>
        <xsl:when test="$code = 'ND'">Non détecté</xsl:when>
        <xsl:when test="$code = 'IND'">Indéterminé</xsl:when>
        <xsl:when test="$code = 'E'">Équivoque</xsl:when>
        <xsl:when test="$code = '&lt;'">Inférieur au seuil de mesure</xsl:when>
        <xsl:when test="$code = '&gt;'">Supérieur au seuil de mesure</xsl:when>
        <xsl:when test="@displayName"><xsl:value-of select="@displayName"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@code"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- The label of a coded element: narrative text it references, its original text, display name, the
       display name of a translation, the code. -->
  <xsl:template match="*" mode="label">
    <xsl:variable name="ref" select="substring-after(hl7:originalText/hl7:reference/@value, '#')"/>
    <xsl:variable name="from-ref" select="normalize-space(key('narrative', $ref))"/>
    <xsl:variable name="original" select="normalize-space(hl7:originalText[not(hl7:reference)])"/>
    <xsl:choose>
      <xsl:when test="string-length($ref) &gt; 0 and string-length($from-ref) &gt; 0"><xsl:value-of select="$from-ref"/></xsl:when>
      <xsl:when test="string-length($original) &gt; 0"><xsl:value-of select="$original"/></xsl:when>
      <xsl:when test="@displayName"><xsl:value-of select="@displayName"/></xsl:when>
      <xsl:when test="hl7:translation/@displayName"><xsl:value-of select="hl7:translation[@displayName][1]/@displayName"/></xsl:when>
      <xsl:when test="@code"><xsl:value-of select="@code"/></xsl:when>
      <xsl:when test="hl7:translation/@code"><xsl:value-of select="hl7:translation[@code][1]/@code"/></xsl:when>
      <xsl:when test="@nullFlavor"><xsl:call-template name="null-flavor"><xsl:with-param name="code" select="@nullFlavor"/></xsl:call-template></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- text/reference (or value/reference) resolved in the narrative; plain text otherwise. -->
  <xsl:template match="*" mode="resolved-text">
    <xsl:variable name="ref" select="substring-after(hl7:reference/@value, '#')"/>
    <xsl:choose>
      <xsl:when test="string-length($ref) &gt; 0"><xsl:value-of select="normalize-space(key('narrative', $ref))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A decimal number written with the configured separator. -->
  <xsl:template name="number">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="$decimal-separator = '.'"><xsl:value-of select="$value"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="translate($value, '.', substring($decimal-separator, 1, 1))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- UCUM unit shown the way a lab report writes it: [IU] as UI, u as µ, 10*9 as 10 superscript 9,
       annotations ({ratio}) dropped. -->
  <xsl:template name="unit">
    <xsl:param name="unit"/>
    <xsl:variable name="no-annotation">
      <xsl:call-template name="strip-annotations"><xsl:with-param name="text" select="$unit"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="iu">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="$no-annotation"/>
        <xsl:with-param name="from" select="'[IU]'"/>
        <xsl:with-param name="to" select="'UI'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="micro-after-slash">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="$iu"/>
        <xsl:with-param name="from" select="'/u'"/>
        <xsl:with-param name="to" select="'/µ'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="shown">
      <xsl:choose>
        <xsl:when test="starts-with($micro-after-slash, 'u')"><xsl:value-of select="concat('µ', substring($micro-after-slash, 2))"/></xsl:when>
        <xsl:when test="$micro-after-slash = '1'"/>
        <xsl:otherwise><xsl:value-of select="$micro-after-slash"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="unit">
      <xsl:call-template name="powers"><xsl:with-param name="text" select="$shown"/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template name="powers">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '10*')">
        <xsl:variable name="rest" select="substring-after($text, '10*')"/>
        <xsl:variable name="tail" select="translate($rest, '0123456789-', '')"/>
        <xsl:variable name="exponent">
          <xsl:choose>
            <xsl:when test="string-length($tail) = 0"><xsl:value-of select="$rest"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="substring-before($rest, substring($tail, 1, 1))"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="substring-before($text, '10*')"/>
        <xsl:text>10</xsl:text>
        <sup><xsl:value-of select="$exponent"/></sup>
        <xsl:call-template name="powers">
          <xsl:with-param name="text" select="substring($rest, string-length($exponent) + 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="strip-annotations">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '{') and contains(substring-after($text, '{'), '}')">
        <xsl:call-template name="strip-annotations">
          <xsl:with-param name="text" select="concat(substring-before($text, '{'), substring-after(substring-after($text, '{'), '}'))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:value-of select="concat(substring-before($text, $from), $to)"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="null-flavor">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'UNK'">Inconnu</xsl:when>
      <xsl:when test="$code = 'MSK'">Masqué</xsl:when>
      <xsl:when test="$code = 'NA'">Sans objet</xsl:when>
      <xsl:when test="$code = 'NASK'">Non demandé</xsl:when>
      <xsl:when test="$code = 'ASKU'">Demandé, inconnu</xsl:when>
      <xsl:otherwise>Non renseigné</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Validation, N1 body, footer                                                           -->
  <!-- ===================================================================================== -->

  <xsl:template name="validation-block">
    <section class="block validation" id="validation">
      <h2>Validation</h2>
      <xsl:for-each select="hl7:authenticator">
        <p class="biologist">
          <xsl:text>Validé par </xsl:text>
          <xsl:for-each select="hl7:assignedEntity/hl7:assignedPerson/hl7:name"><strong><xsl:call-template name="person-name"/></strong></xsl:for-each>
          <xsl:for-each select="hl7:assignedEntity/hl7:code[@displayName]">
            <xsl:text>, </xsl:text><xsl:value-of select="@displayName"/>
          </xsl:for-each>
          <xsl:if test="hl7:time/@value">
            <xsl:text>, le </xsl:text>
            <xsl:call-template name="ts"><xsl:with-param name="ts" select="hl7:time/@value"/></xsl:call-template>
          </xsl:if>
        </p>
      </xsl:for-each>
      <xsl:for-each select="hl7:legalAuthenticator">
        <p class="biologist legal">
          <xsl:text>Compte rendu signé par </xsl:text>
          <xsl:for-each select="hl7:assignedEntity/hl7:assignedPerson/hl7:name"><strong><xsl:call-template name="person-name"/></strong></xsl:for-each>
          <xsl:for-each select="hl7:assignedEntity/hl7:code[@displayName]">
            <xsl:text>, </xsl:text><xsl:value-of select="@displayName"/>
          </xsl:for-each>
          <xsl:if test="hl7:time/@value">
            <xsl:text>, le </xsl:text>
            <span class="validation-date"><xsl:call-template name="ts"><xsl:with-param name="ts" select="hl7:time/@value"/></xsl:call-template></span>
          </xsl:if>
        </p>
      </xsl:for-each>
      <xsl:if test="not(hl7:authenticator) and not(hl7:legalAuthenticator)">
        <p class="warning">Aucun biologiste validateur n'est indiqué.</p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="hl7:nonXMLBody">
    <section class="block n1">
      <h2>Document non structuré</h2>
      <xsl:choose>
        <xsl:when test="hl7:text/@mediaType = 'application/pdf' and hl7:text/@representation = 'B64'">
          <p>Le compte rendu est un document PDF joint :
            <a class="pdf-link" download="compte-rendu.pdf" type="application/pdf"
               href="data:application/pdf;base64,{translate(hl7:text, '&#9;&#10;&#13; ', '')}">enregistrer le PDF</a>.</p>
        </xsl:when>
        <xsl:when test="hl7:text/@mediaType = 'text/plain' and not(hl7:text/@representation = 'B64')">
          <pre class="plain"><xsl:value-of select="hl7:text"/></pre>
        </xsl:when>
        <xsl:otherwise>
          <p>Contenu de type <xsl:value-of select="hl7:text/@mediaType"/>, non affichable ici.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="footer">
    <footer class="footer">
      <xsl:if test="string-length(normalize-space($footer-text)) &gt; 0">
        <p class="lab-footer"><xsl:value-of select="$footer-text"/></p>
      </xsl:if>
      <p class="doc-ids">
        <xsl:text>Document </xsl:text>
        <span class="oid"><xsl:for-each select="hl7:id[1]"><xsl:call-template name="ii"/></xsl:for-each></span>
        <xsl:if test="hl7:setId">
          <xsl:text> — lot de versions </xsl:text>
          <span class="oid"><xsl:for-each select="hl7:setId[1]"><xsl:call-template name="ii"/></xsl:for-each></span>
        </xsl:if>
        <xsl:for-each select="hl7:templateId[@root = '1.2.250.1.213.1.1.1.55']">
          <xsl:text> — CI-SIS CR-BIO </xsl:text>
          <xsl:choose>
            <xsl:when test="@extension"><xsl:value-of select="@extension"/></xsl:when>
            <xsl:otherwise>2021.01</xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </p>
    </footer>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Narrative block (section text) to HTML                                                -->
  <!-- ===================================================================================== -->

  <xsl:template match="hl7:text" mode="narrative">
    <div class="narrative"><xsl:apply-templates mode="narrative"/></div>
  </xsl:template>
  <xsl:template match="hl7:paragraph" mode="narrative"><p><xsl:apply-templates mode="narrative"/></p></xsl:template>
  <xsl:template match="hl7:br" mode="narrative"><br/></xsl:template>
  <xsl:template match="hl7:content" mode="narrative">
    <span>
      <xsl:if test="contains(@styleCode, 'Bold') or contains(@styleCode, 'bold')"><xsl:attribute name="class">bold</xsl:attribute></xsl:if>
      <xsl:apply-templates mode="narrative"/>
    </span>
  </xsl:template>
  <xsl:template match="hl7:sup" mode="narrative"><sup><xsl:apply-templates mode="narrative"/></sup></xsl:template>
  <xsl:template match="hl7:sub" mode="narrative"><sub><xsl:apply-templates mode="narrative"/></sub></xsl:template>
  <xsl:template match="hl7:list" mode="narrative">
    <xsl:choose>
      <xsl:when test="@listType = 'ordered'"><ol><xsl:apply-templates mode="narrative"/></ol></xsl:when>
      <xsl:otherwise><ul><xsl:apply-templates mode="narrative"/></ul></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="hl7:item" mode="narrative"><li><xsl:apply-templates mode="narrative"/></li></xsl:template>
  <xsl:template match="hl7:table" mode="narrative"><table class="narrative-table"><xsl:apply-templates mode="narrative"/></table></xsl:template>
  <xsl:template match="hl7:caption" mode="narrative"><caption><xsl:apply-templates mode="narrative"/></caption></xsl:template>
  <xsl:template match="hl7:thead" mode="narrative"><thead><xsl:apply-templates mode="narrative"/></thead></xsl:template>
  <xsl:template match="hl7:tbody" mode="narrative"><tbody><xsl:apply-templates mode="narrative"/></tbody></xsl:template>
  <xsl:template match="hl7:tfoot" mode="narrative"><tfoot><xsl:apply-templates mode="narrative"/></tfoot></xsl:template>
  <xsl:template match="hl7:tr" mode="narrative"><tr><xsl:apply-templates mode="narrative"/></tr></xsl:template>
  <xsl:template match="hl7:th | hl7:td" mode="narrative">
    <xsl:element name="{local-name()}">
      <xsl:if test="@colspan"><xsl:attribute name="colspan"><xsl:value-of select="@colspan"/></xsl:attribute></xsl:if>
      <xsl:if test="@rowspan"><xsl:attribute name="rowspan"><xsl:value-of select="@rowspan"/></xsl:attribute></xsl:if>
      <xsl:apply-templates mode="narrative"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="hl7:renderMultiMedia" mode="narrative">
    <xsl:apply-templates select="key('narrative', @referencedObject)[self::hl7:observationMedia]" mode="media"/>
  </xsl:template>
  <xsl:template match="hl7:linkHtml" mode="narrative"><span class="link"><xsl:apply-templates mode="narrative"/></span></xsl:template>
  <xsl:template match="hl7:footnote | hl7:footnoteRef | hl7:col | hl7:colgroup" mode="narrative"/>
  <xsl:template match="text()" mode="narrative"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="*" mode="narrative"><xsl:apply-templates mode="narrative"/></xsl:template>

  <!-- ===================================================================================== -->
  <!-- Names, addresses, telecoms, identifiers, dates                                        -->
  <!-- ===================================================================================== -->

  <!-- "Dr Jean DE SANTS": the DR suffix becomes a prefix; the civility prefixes stay. -->
  <xsl:template name="person-name">
    <xsl:choose>
      <xsl:when test="hl7:family or hl7:given">
        <xsl:variable name="doctor" select="hl7:suffix[translate(normalize-space(.), 'dr', 'DR') = 'DR'] or hl7:prefix[translate(normalize-space(.), 'dr', 'DR') = 'DR']"/>
        <xsl:choose>
          <xsl:when test="$doctor">Dr </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="hl7:prefix[normalize-space(.)]">
              <xsl:choose>
                <xsl:when test="normalize-space(.) = 'M'">M. </xsl:when>
                <xsl:when test="normalize-space(.) = 'MME'">Mme </xsl:when>
                <xsl:otherwise><xsl:value-of select="normalize-space(.)"/><xsl:text> </xsl:text></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:for-each select="hl7:given[not(@qualifier) or @qualifier = 'CL'][1]">
          <xsl:value-of select="normalize-space(.)"/><xsl:text> </xsl:text>
        </xsl:for-each>
        <xsl:value-of select="normalize-space(hl7:family[1])"/>
        <xsl:for-each select="hl7:suffix[normalize-space(.)][not(translate(normalize-space(.), 'dr', 'DR') = 'DR')]">
          <xsl:text> </xsl:text><xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="address">
    <xsl:choose>
      <xsl:when test="@nullFlavor"><xsl:call-template name="null-flavor"><xsl:with-param name="code" select="@nullFlavor"/></xsl:call-template></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="street">
          <xsl:for-each select="hl7:streetAddressLine">
            <xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
          <xsl:if test="hl7:houseNumber or hl7:streetName">
            <xsl:if test="hl7:streetAddressLine">, </xsl:if>
            <xsl:value-of select="normalize-space(concat(hl7:houseNumber, ' ', hl7:houseNumberNumeric, ' ', hl7:buildingNumberSuffix, ' ', hl7:streetNameType, ' ', hl7:streetName))"/>
          </xsl:if>
          <xsl:for-each select="hl7:unitID | hl7:additionalLocator | hl7:postBox">
            <xsl:text>, </xsl:text><xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="town" select="normalize-space(concat(hl7:postalCode, ' ', hl7:city))"/>
        <xsl:value-of select="normalize-space($street)"/>
        <xsl:if test="normalize-space($street) and $town">, </xsl:if>
        <xsl:value-of select="$town"/>
        <xsl:if test="normalize-space(hl7:country) and translate(normalize-space(hl7:country), 'france', 'FRANCE') != 'FRANCE'">
          <xsl:text>, </xsl:text><xsl:value-of select="normalize-space(hl7:country)"/>
        </xsl:if>
        <xsl:if test="not(*) and normalize-space(.)"><xsl:value-of select="normalize-space(.)"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="telecom">
    <xsl:call-template name="telecom-label"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="telecom-value"/>
  </xsl:template>

  <xsl:template name="telecom-label">
    <xsl:choose>
      <xsl:when test="starts-with(@value, 'tel:') and @use = 'MC'">Mobile</xsl:when>
      <xsl:when test="starts-with(@value, 'tel:')">Tél.</xsl:when>
      <xsl:when test="starts-with(@value, 'fax:')">Fax</xsl:when>
      <xsl:when test="starts-with(@value, 'mailto:')">Messagerie</xsl:when>
      <xsl:when test="starts-with(@value, 'http')">Site</xsl:when>
      <xsl:otherwise>Contact</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="telecom-value">
    <xsl:choose>
      <xsl:when test="@nullFlavor"><xsl:call-template name="null-flavor"><xsl:with-param name="code" select="@nullFlavor"/></xsl:call-template></xsl:when>
      <xsl:when test="contains(@value, ':')"><xsl:value-of select="substring-after(@value, ':')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ii">
    <xsl:value-of select="@root"/>
    <xsl:if test="@extension"><xsl:text>^</xsl:text><xsl:value-of select="@extension"/></xsl:if>
  </xsl:template>

  <!-- HL7 TS (YYYYMMDDHHMMSS+ZZZZ) as "dd/mm/yyyy hh:mm". -->
  <xsl:template name="ts">
    <xsl:param name="ts"/>
    <xsl:call-template name="date"><xsl:with-param name="ts" select="$ts"/></xsl:call-template>
    <xsl:if test="string-length($ts) &gt;= 12 and translate(substring($ts, 9, 4), '0123456789', '') = ''">
      <xsl:text> à </xsl:text>
      <xsl:value-of select="concat(substring($ts, 9, 2), ':', substring($ts, 11, 2))"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="date">
    <xsl:param name="ts"/>
    <xsl:choose>
      <xsl:when test="string-length($ts) &gt;= 8">
        <xsl:value-of select="concat(substring($ts, 7, 2), '/', substring($ts, 5, 2), '/', substring($ts, 1, 4))"/>
      </xsl:when>
      <xsl:when test="string-length($ts) = 6">
        <xsl:value-of select="concat(substring($ts, 5, 2), '/', substring($ts, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$ts"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A parameter put into CSS: characters that could end the declaration are removed. -->
  <xsl:template name="css-value">
    <xsl:param name="value"/>
    <xsl:value-of select="translate($value, ';{}&lt;&gt;&quot;\', '')"/>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Style sheet                                                                           -->
  <!-- ===================================================================================== -->

  <xsl:template name="css">
    <xsl:text>
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#1b1b1b;font:14px/1.45 "DejaVu Sans","Segoe UI",Arial,sans-serif}
.report{max-width:60em;margin:1em auto;background:#fff;padding:1.5em 2em;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1,h2,h3{color:var(--primary);margin:.2em 0}
h1{font-size:1.5em}h2{font-size:1.15em}h3{font-size:1.05em}
.lab{display:flex;gap:1.2em;align-items:center;border-bottom:3px solid var(--primary);padding-bottom:.8em}
.lab .logo{max-height:5em;max-width:12em;object-fit:contain}
.lab-address,.lab-ids{color:#333}
.lab-ids span+span::before{content:" · "}
.document{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;margin:.8em 0}
dl.inline{display:flex;flex-wrap:wrap;gap:.2em 1em;margin:0}
dl.inline dt{font-weight:bold}dl.inline dd{margin:0}
dl.inline dt::after{content:" :"}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:.8em}
.block{border:1px solid #cfd8e3;border-radius:4px;padding:.6em .9em;margin:.8em 0}
.block>h2{background:var(--accent);margin:-.6em -.9em .5em;padding:.35em .9em;border-radius:4px 4px 0 0}
.block dl{display:grid;grid-template-columns:fit-content(45%) minmax(0,1fr);gap:.1em .8em;margin:.3em 0}
.request dl{grid-template-columns:minmax(0,1fr)}.request dd{margin-bottom:.25em}
.block dt{color:#555}.block dd{margin:0;overflow-wrap:anywhere}
.patient-name{font-size:1.25em;margin-bottom:.3em}
.ins-line{font-size:1.1em}
.ins{font-family:"DejaVu Sans Mono",monospace;font-weight:bold;letter-spacing:.05em}
.ins-status{display:inline-block;margin:.2em 0 .4em;padding:.05em .5em;border-radius:3px;font-weight:bold}
.ins-status.qualified{background:#e3f4e6;color:#145a24}
.ins-status.not-qualified{background:#fde8e8;color:var(--abnormal)}
.block{min-width:0}.party div,.contact dd{overflow-wrap:anywhere}
.party+.party{border-top:1px dashed #cfd8e3;margin-top:.4em;padding-top:.4em}
.who{font-weight:bold}.specialty,.rpps,.address,.telecom,.when,.role{color:#444}
.role{font-style:italic}
.chapter{margin:1.2em 0}
.chapter-title{border-bottom:2px solid var(--primary);padding-bottom:.15em;text-transform:uppercase}
.subchapter-title{background:var(--accent);padding:.2em .5em;margin-top:.8em}
.exam{margin:.4em 0 1em}
.specimen,.subcontracted,.pending,.aborted{margin:.25em 0;color:#333}
.specimen .label,.subcontracted .label{font-weight:bold}
.subcontracted{border-left:4px solid var(--primary);padding-left:.5em}
.subcontracted-row{display:block;font-size:.85em;color:#444}
table.results{width:100%;border-collapse:collapse;margin:.3em 0;table-layout:fixed}
table.results th.c-name{width:28%}table.results th.c-value{width:14%}table.results th.c-unit{width:9%}
table.results th.c-range{width:15%}table.results th.c-flag{width:16%}table.results th.c-previous{width:18%}
table.results th,table.results td{border-bottom:1px solid #dde3ea;padding:.3em .4em;text-align:left;vertical-align:top;overflow-wrap:break-word}
table.results thead th{background:var(--primary);color:#fff;font-weight:bold}
table.results thead{display:table-header-group}
table.results tr{page-break-inside:avoid;break-inside:avoid}
tr.group th{background:#f3f5f8;color:#222;font-weight:bold}
tr.isolate th{background:var(--accent)}
.c-value{font-weight:bold}
.marker{white-space:nowrap}
.method{color:#666;font-size:.85em}
tr.abnormal .c-value,tr.abnormal .c-flag{color:var(--abnormal)}
tr.abnormal td:first-child{border-left:4px solid var(--abnormal)}
tr.abnormal .flag{font-weight:bold}
tr.critical{background:#fff0f0}
tr.critical .flag{text-transform:uppercase}
.previous{font-size:.88em;color:#444}
tr.comment td{font-size:.92em;color:#333;background:#fafbfc}
.comment-label{font-weight:bold}
.validated-by{font-size:.9em;color:#333;margin:.2em 0}
.illustration img{max-width:100%;height:auto}
.warning,.partial{color:var(--abnormal);font-weight:bold}
.confidential{color:var(--abnormal);font-weight:bold;border:1px solid var(--abnormal);padding:.1em .5em}
.narrative-table{border-collapse:collapse}.narrative-table td,.narrative-table th{padding:.15em .5em;border:1px solid #e1e5ea}
.bold{font-weight:bold}
.footer{margin-top:1.5em;border-top:1px solid #cfd8e3;padding-top:.5em;font-size:.8em;color:#555}
.oid{word-break:break-all}
@media print{body{background:#fff}.report{box-shadow:none;margin:0;max-width:none;padding:0}.pdf-link{display:none}}
</xsl:text>
  </xsl:template>

</xsl:stylesheet>
