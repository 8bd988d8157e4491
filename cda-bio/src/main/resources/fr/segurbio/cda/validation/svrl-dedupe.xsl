<?xml version="1.0" encoding="UTF-8"?>
<!--
  Second pass of the SVRL optimiser (SvrlOptimizer): shares the code the ISO skeleton repeats, without changing
  what the stylesheet outputs.

  1. Template rules whose bodies are identical (same serialised children, namespaces included) keep their own
     match, priority and mode and call one named template holding that body.
  2. Every xsl:choose / xsl:if that is a child of a template rule (or of a body shared by step 1), that occurs at
     least twice, and that references no variable or parameter declared in its template, becomes a named
     template that each occurrence calls.

  xsl:call-template keeps the context item, position and size, the current mode and the static context of a
  top-level template (same stylesheet, same in-scope namespaces carried by the copied elements), so the output is
  the same. Templates using xsl:next-match, xsl:apply-imports, #current, parameters, or attributes other than
  match / mode / priority are left as they are; a stylesheet that already names a template segur-…, or that uses
  xml:base, is left untouched.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:f="urn:segur-bio:svrl-optimiser" exclude-result-prefixes="#all">

  <xsl:variable name="XSL" select="'http://www.w3.org/1999/XSL/Transform'"/>
  <xsl:variable name="SEPARATOR" select="'&#xE000;'"/>

  <xsl:mode name="rules" on-no-match="shallow-copy"/>
  <xsl:mode name="blocks" on-no-match="shallow-copy"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="f:applicable(.)">
        <xsl:variable name="shared">
          <xsl:apply-templates select="." mode="rules"/>
        </xsl:variable>
        <xsl:apply-templates select="$shared" mode="blocks"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="."/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="f:applicable" as="xs:boolean">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="exists($doc/xsl:stylesheet)
        and empty($doc//@xml:base)
        and empty($doc/xsl:stylesheet/xsl:template[starts-with(@name, 'segur-')])"/>
  </xsl:function>

  <!-- A template rule whose body can be moved into a named template. -->
  <xsl:function name="f:movable" as="xs:boolean">
    <xsl:param name="t" as="element()"/>
    <xsl:sequence select="$t/self::xsl:template
        and $t/parent::xsl:stylesheet
        and exists($t/@match)
        and (every $a in $t/@* satisfies local-name($a) = ('match', 'mode', 'priority') and namespace-uri($a) = '')
        and empty($t/xsl:param)
        and empty($t//(xsl:next-match | xsl:apply-imports))
        and empty($t//@*[contains(., '#current')])"/>
  </xsl:function>

  <!-- What makes two bodies interchangeable: each child serialised (an element with its in-scope namespaces). -->
  <xsl:function name="f:body-key" as="xs:string">
    <xsl:param name="t" as="element()"/>
    <xsl:sequence select="string-join($t/node() ! (if (. instance of element()) then serialize(.)
        else if (. instance of text()) then 'T' || string(.) else 'C' || string(.)), $SEPARATOR)"/>
  </xsl:function>

  <!-- ========== pass 1: identical template rules share one body ========== -->

  <!-- generate-id of each template rule whose body is shared → the named template holding the body -->
  <xsl:variable name="rule-calls" as="map(xs:string, xs:string)">
    <xsl:map>
      <xsl:for-each-group select="/xsl:stylesheet/xsl:template[*][f:movable(.)]" group-by="f:body-key(.)">
        <xsl:if test="count(current-group()) ge 2">
          <xsl:variable name="name" select="'segur-rule-' || position()"/>
          <xsl:for-each select="current-group()">
            <xsl:map-entry key="generate-id(.)" select="$name"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <xsl:template match="/xsl:stylesheet" mode="rules">
    <xsl:copy>
      <xsl:apply-templates select="@* | node()" mode="rules"/>
      <xsl:for-each-group select="xsl:template[map:contains($rule-calls, generate-id(.))]"
          group-by="$rule-calls(generate-id(.))">
        <xsl:element name="xsl:template" namespace="{$XSL}">
          <xsl:attribute name="name" select="current-grouping-key()"/>
          <xsl:copy-of select="node()"/>
        </xsl:element>
      </xsl:for-each-group>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="/xsl:stylesheet/xsl:template" mode="rules">
    <xsl:variable name="name" select="$rule-calls(generate-id(.))"/>
    <xsl:choose>
      <xsl:when test="exists($name)">
        <xsl:copy>
          <xsl:copy-of select="@*"/>
          <xsl:element name="xsl:call-template" namespace="{$XSL}">
            <xsl:attribute name="name" select="$name"/>
          </xsl:element>
        </xsl:copy>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="."/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========== pass 2: repeated assertion blocks become named templates ========== -->

  <!-- The blocks a named template can hold: each child choose / if of a movable or shared template that
       references none of the variables and parameters declared anywhere in its template ($name not followed by
       a name character, \C: in XML Schema regular expressions \w would take '=' or '<' for a word character). -->
  <xsl:function name="f:extractable-blocks" as="element()*">
    <xsl:param name="t" as="element()"/>
    <xsl:variable name="local" select="distinct-values($t//(xsl:variable | xsl:param)/@name/string())"/>
    <xsl:variable name="reference" select="if (empty($local)) then ()
        else '\$\s*(' || string-join($local ! replace(., '\.', '\\.'), '|') || ')(\C|$)'"/>
    <xsl:sequence select="$t/(xsl:choose | xsl:if)[empty($reference)
        or not(matches(string-join((descendant-or-self::*/@*, .//text()) ! string(.), ' '), $reference))]"/>
  </xsl:function>

  <xsl:template match="/" mode="blocks">
    <xsl:variable name="candidates" select="xsl:stylesheet/xsl:template[*]
        [f:movable(.) or starts-with(@name, 'segur-rule-')] ! f:extractable-blocks(.)"/>
    <xsl:variable name="calls" as="map(xs:string, xs:string)">
      <xsl:map>
        <xsl:for-each-group select="$candidates" group-by="serialize(.)">
          <xsl:if test="count(current-group()) ge 2">
            <xsl:variable name="name" select="'segur-assert-' || position()"/>
            <xsl:for-each select="current-group()">
              <xsl:map-entry key="generate-id(.)" select="$name"/>
            </xsl:for-each>
          </xsl:if>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:apply-templates select="node()" mode="blocks">
      <xsl:with-param name="calls" select="$calls" tunnel="yes"/>
      <xsl:with-param name="candidates" select="$candidates[map:contains($calls, generate-id(.))]" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="/xsl:stylesheet" mode="blocks">
    <xsl:param name="calls" as="map(xs:string, xs:string)" tunnel="yes"/>
    <xsl:param name="candidates" as="element()*" tunnel="yes"/>
    <xsl:copy>
      <xsl:apply-templates select="@* | node()" mode="blocks"/>
      <xsl:for-each-group select="$candidates" group-by="$calls(generate-id(.))">
        <xsl:element name="xsl:template" namespace="{$XSL}">
          <xsl:attribute name="name" select="current-grouping-key()"/>
          <xsl:copy-of select="."/>
        </xsl:element>
      </xsl:for-each-group>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="/xsl:stylesheet/xsl:template/(xsl:choose | xsl:if)" mode="blocks">
    <xsl:param name="calls" as="map(xs:string, xs:string)" tunnel="yes"/>
    <xsl:variable name="name" select="$calls(generate-id(.))"/>
    <xsl:choose>
      <xsl:when test="exists($name)">
        <xsl:element name="xsl:call-template" namespace="{$XSL}">
          <xsl:attribute name="name" select="$name"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="."/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
